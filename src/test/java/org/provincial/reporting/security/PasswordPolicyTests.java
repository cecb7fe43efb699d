package org.provincial.reporting.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.provincial.reporting.reference.Texts;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which passwords {@link PasswordPolicy} refuses, and why, in Chinese. */
class PasswordPolicyTests {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            wang.admin | 12345678          | 密码至少需要 12 个字符
            wang.admin | hunter-aaaa-2024  | 密码不能包含 4 个以上相同的连续字符
            wang.admin | 123456789012      | 密码不能包含 5 个以上连续的数字（如 12345）
            wang.admin | abcdefgh-2024!    | 密码不能包含 5 个以上连续的字母（如 abcde）
            wang.admin | qwertz-on-my-desk | 密码不能包含 5 个以上连续的键盘按键（如 qwert）
            wang.admin | passwordpassword  | 这是常见密码，很容易被猜中，请换一个
            wang.admin | Password@2024     | 这是常见密码，很容易被猜中，请换一个
            wang.admin | 2024!Iloveyou!    | 这是常见密码，很容易被猜中，请换一个
            wang.admin | wang.admin-2024   | 密码不能包含用户名
            wang.admin | nimda.gnaw-2024   | 密码不能包含倒写的用户名
            """)
    void refusesWeakPasswordsSayingWhy(String name, String password, String reason) {
        assertThatThrownBy(() -> PasswordPolicy.check(name, password, Texts.fromBundle()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = { "admin-pass-123", "staff-pass-456", "correct horse battery", "统计处-月报数据-已核对无误" })
    void acceptsPasswordsOfTwelveCharactersAndMoreThatAreNoCommonPattern(String password) {
        assertThatCode(() -> PasswordPolicy.check("wang.admin", password, Texts.fromBundle())).doesNotThrowAnyException();
    }
}
