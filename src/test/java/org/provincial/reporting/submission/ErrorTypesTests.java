package org.provincial.reporting.submission;

import org.junit.jupiter.api.Test;
import org.provincial.reporting.submission.RejectionCode;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorTypesTests {

    @Test
    void givesEveryRejectionCodeAChineseErrorType() {
        for (RejectionCode code : RejectionCode.values()) {
            assertThat(ErrorTypes.of(code.name())).as(code.name()).isNotEqualTo(code.name()).matches(".*\\p{IsHan}.*");
        }
        assertThat(ErrorTypes.all()).containsEntry("ROW_IGNORED", "合计行或签名行（已跳过，不是错误）");
    }

    @Test
    void namesTheErrorsTheWayClerksSayThem() {
        assertThat(ErrorTypes.of("DATE_OUT_OF_PERIOD")).isEqualTo("日期不在报送月份");
        assertThat(ErrorTypes.of("ID_INVALID")).isEqualTo("身份证号错误");
        assertThat(ErrorTypes.of("CREDIT_CODE_INVALID")).isEqualTo("统一社会信用代码错误");
        assertThat(ErrorTypes.of("REQUIRED_MISSING")).isEqualTo("必填项为空");
    }

    @Test
    void showsACodeItDoesNotKnowAsItIs() {
        assertThat(ErrorTypes.of("SOMETHING_NEW")).isEqualTo("SOMETHING_NEW");
    }
}
