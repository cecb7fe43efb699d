package org.provincial.reporting.feedback;

import org.junit.jupiter.api.Test;
import org.provincial.reporting.reference.ColumnType;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTests {

    @Test
    void masksAllOfAValueInAnIdColumn() {
        assertThat(Masking.value("65010219690404077X", ColumnType.RESIDENT_ID)).isEqualTo("650102********077X");
        assertThat(Masking.value("6501021969040407", ColumnType.RESIDENT_ID_OR_CREDIT_CODE))
                .isEqualTo("650102******0407");
        assertThat(Masking.value("abc", ColumnType.RESIDENT_ID)).isEqualTo("***");
    }

    @Test
    void masksIdLikeDigitsInsideOtherText() {
        assertThat(Masking.text("证件号“65010219690404077x”有误")).isEqualTo("证件号“650102********077x”有误");
        assertThat(Masking.value("张三 650102196904040771", ColumnType.TEXT)).isEqualTo("张三 650102********0771");
        assertThat(Masking.text("共 123456 行，金额 1,234.50 元")).isEqualTo("共 123456 行，金额 1,234.50 元");
    }

    @Test
    void keepsAbsentValuesAbsent() {
        assertThat(Masking.value(null, ColumnType.RESIDENT_ID)).isNull();
        assertThat(Masking.text(null)).isNull();
    }
}
