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

import org.springframework.context.support.MessageSourceAccessor;

/**
 * Which passwords are refused (Passay): shorter than 12 characters, the user's name in it, a run of 5 like
 * {@code 12345}, {@code abcde} or {@code qwert}, one character 4 times in a row, or a common password (the bundled
 * {@code security/common-passwords.txt}), also with digits and signs around it ({@code Password@2024}).
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private static final String COMMON_PASSWORDS = "security/common-passwords.txt";

    /** The keys of the Chinese reasons in the messages bundle, by Passay's error codes. */
    private static final Map<String, String> REASONS = Map.of(
            LengthRule.ERROR_CODE_MIN, "password.too-short",
            LengthRule.ERROR_CODE_MAX, "password.too-long",
            UsernameRule.ERROR_CODE, "password.user-name",
            UsernameRule.ERROR_CODE_REVERSED, "password.user-name.reversed",
            EnglishSequenceData.Numerical.getErrorCode(), "password.digits",
            EnglishSequenceData.Alphabetical.getErrorCode(), "password.letters",
            EnglishSequenceData.USQwerty.getErrorCode(), "password.keys",
            RepeatCharacterRegexRule.ERROR_CODE, "password.repeated",
            DictionaryRule.ERROR_CODE, "password.common");

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
    static void check(String name, String password, MessageSourceAccessor texts) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException(texts.getMessage("password.empty"));
        }
        Set<String> codes = new LinkedHashSet<>(codes(name, password));
        // the common word inside digits and signs: Password@2024, 2024password!
        String core = password.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        if (!core.equals(password) && !core.isEmpty()) {
            codes.addAll(codes(name, core).stream().filter(DictionaryRule.ERROR_CODE::equals).toList());
        }
        Set<String> reasons = new LinkedHashSet<>(codes.stream().map(code -> reason(code, texts)).toList());
        if (!reasons.isEmpty()) {
            throw new IllegalArgumentException(String.join(texts.getMessage("password.separator"), reasons));
        }
    }

    private static List<String> codes(String name, String password) {
        RuleResult result = VALIDATOR.validate(new PasswordData(Objects.requireNonNullElse(name, ""), password));
        return result.getDetails().stream().map(RuleResultDetail::getErrorCode).distinct().toList();
    }

    /** The reason in Chinese; {0} and {1} in it are the shortest and longest length allowed. */
    private static String reason(String code, MessageSourceAccessor texts) {
        return texts.getMessage(REASONS.getOrDefault(code, "password.other"),
                new Object[] { String.valueOf(MIN_LENGTH), String.valueOf(MAX_LENGTH) });
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
