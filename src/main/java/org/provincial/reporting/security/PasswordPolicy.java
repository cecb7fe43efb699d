package org.provincial.reporting.security;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.passay.DictionaryRule;
import org.passay.EnglishSequenceData;
import org.passay.IllegalSequenceRule;
import org.passay.LengthRule;
import org.passay.PasswordData;
import org.passay.PasswordValidator;
import org.passay.RepeatCharacterRegexRule;
import org.passay.RuleResult;
import org.passay.RuleResultDetail;
import org.passay.UsernameRule;
import org.passay.dictionary.WordListDictionary;
import org.passay.dictionary.WordLists;
import org.passay.dictionary.sort.ArraysSort;

/**
 * Which passwords are refused (Passay): shorter than 12 characters, the user's name in it, a run of 5 like
 * {@code 12345}, {@code abcde} or {@code qwert}, one character 4 times in a row, or a common password (the bundled
 * {@code security/common-passwords.txt}), also with digits and signs around it ({@code Password@2024}).
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private static final String COMMON_PASSWORDS = "security/common-passwords.txt";

    /** Chinese reasons by Passay's error codes, in the order they are told. */
    private static final Map<String, String> REASONS = Map.of(
            LengthRule.ERROR_CODE_MIN, "密码至少需要 " + MIN_LENGTH + " 个字符",
            LengthRule.ERROR_CODE_MAX, "密码最多 " + MAX_LENGTH + " 个字符",
            UsernameRule.ERROR_CODE, "密码不能包含用户名",
            UsernameRule.ERROR_CODE_REVERSED, "密码不能包含倒写的用户名",
            EnglishSequenceData.Numerical.getErrorCode(), "密码不能包含 5 个以上连续的数字（如 12345）",
            EnglishSequenceData.Alphabetical.getErrorCode(), "密码不能包含 5 个以上连续的字母（如 abcde）",
            EnglishSequenceData.USQwerty.getErrorCode(), "密码不能包含 5 个以上连续的键盘按键（如 qwert）",
            RepeatCharacterRegexRule.ERROR_CODE, "密码不能包含 4 个以上相同的连续字符",
            DictionaryRule.ERROR_CODE, "这是常见密码，很容易被猜中，请换一个");

    private static final PasswordValidator VALIDATOR = new PasswordValidator(
            new LengthRule(MIN_LENGTH, MAX_LENGTH),
            new UsernameRule(true, true),
            new IllegalSequenceRule(EnglishSequenceData.Numerical, 5, false),
            new IllegalSequenceRule(EnglishSequenceData.Alphabetical, 5, false),
            new IllegalSequenceRule(EnglishSequenceData.USQwerty, 5, false),
            new RepeatCharacterRegexRule(4),
            new DictionaryRule(commonPasswords()));

    private PasswordPolicy() {
    }

    /** @throws IllegalArgumentException telling in Chinese why the password is refused */
    static void check(String name, String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("密码不能为空");
        }
        Set<String> reasons = new LinkedHashSet<>(reasons(name, password));
        // the common word inside digits and signs: Password@2024, 2024password!
        String core = password.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        if (!core.equals(password) && !core.isEmpty()) {
            reasons.addAll(reasons(name, core).stream().filter(REASONS.get(DictionaryRule.ERROR_CODE)::equals).toList());
        }
        if (!reasons.isEmpty()) {
            throw new IllegalArgumentException(String.join("；", reasons));
        }
    }

    private static List<String> reasons(String name, String password) {
        RuleResult result = VALIDATOR.validate(new PasswordData(Objects.requireNonNullElse(name, ""), password));
        return result.getDetails().stream().map(RuleResultDetail::getErrorCode).distinct()
                .map(code -> REASONS.getOrDefault(code, "密码不符合要求")).toList();
    }

    private static WordListDictionary commonPasswords() {
        try (Reader reader = new InputStreamReader(Objects.requireNonNull(
                PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON_PASSWORDS), COMMON_PASSWORDS),
                StandardCharsets.UTF_8)) {
            return new WordListDictionary(WordLists.createFromReader(new Reader[] { reader }, false, new ArraysSort()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
