package org.provincial.reporting.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.provincial.reporting.aggregate.MeasureLabels;
import org.provincial.reporting.reference.DatasetMappings;
import org.provincial.reporting.reference.Region;
import org.provincial.reporting.reference.RegionReference;
import org.provincial.reporting.security.Role;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.stereotype.Component;

/** The Chinese words and formats of the pages, for the templates as {@code @labels}. */
@Component("labels")
class Labels {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final Map<String, String> RUN_STATUS = Map.of(
            "COMPLETED", "已完成", "FAILED", "失败", "STARTED", "运行中", "STARTING", "启动中",
            "STOPPING", "正在停止", "STOPPED", "已停止", "ABANDONED", "已放弃", "UNKNOWN", "未知");

    /** In the order of the submissions page's choice. */
    private static final Map<String, String> SUBMISSION_STATUS = orderedMap(
            "RECEIVED", "已接收（待处理）", "ACCEPTED", "已接受", "REJECTED", "整文件拒收", "DUPLICATE_FILE", "重复文件",
            "NAME_INVALID", "文件名不合规", "SUBMITTER_MISMATCH", "报送单位不符");

    private static final Map<String, String> STEPS = Map.of(
            "collect", "收集文件", "ingest", "读取校验", "deduplicate", "去重", "aggregate", "汇总",
            "report", "生成汇总表", "feedback", "生成反馈");

    private static final Map<String, String> ACTIONS = orderedMap(
            "run.launch", "启动运行", "run.restart", "重新运行", "run.stop", "停止运行",
            "user.add", "添加用户", "user.update", "修改用户", "user.remove", "删除用户", "user.role", "修改角色",
            "user.password", "修改密码", "login.failure", "登录失败", "report.range", "生成累计汇总表",
            "report.range.failed", "累计汇总表未能生成", "source.trust", "接受主机密钥",
            "token.create", "新建接口令牌", "token.revoke", "撤销接口令牌",
            "submission.original", "下载原始文件", "submission.annotated", "下载批注副本",
            "publication.publish", "发布汇总数", "publication.download", "下载已发布版本",
            "feedback.upload", "上传待上传的反馈");

    private final DatasetMappings mappings;
    private final RegionReference regions;
    private final MessageSourceAccessor texts;

    Labels(DatasetMappings mappings, RegionReference regions, MessageSourceAccessor texts) {
        this.mappings = mappings;
        this.regions = regions;
        this.texts = texts;
    }

    public String runStatus(String status) {
        return RUN_STATUS.getOrDefault(status, status);
    }

    public Map<String, String> submissionStatuses() {
        return SUBMISSION_STATUS;
    }

    public String submissionStatus(String status) {
        return SUBMISSION_STATUS.getOrDefault(status, status);
    }

    public String step(String name) {
        return STEPS.getOrDefault(name, name);
    }

    public String action(String action) {
        return ACTIONS.getOrDefault(action, action);
    }

    public String role(Role role) {
        return texts.getMessage("role." + role.label());
    }

    public String dataset(String dataset) {
        if (dataset == null) {
            return "—";
        }
        return mappings.all().stream().filter(m -> m.dataset().equals(dataset)).findFirst()
                .map(m -> m.title()).orElse(dataset);
    }

    /** The Chinese label of a measure of SPEC §6, as the workbook's column. */
    public String measure(String dataset, String measure) {
        return MeasureLabels.BY_KEY.getOrDefault(dataset + "/" + measure, measure);
    }

    /** 合计 for a measure's total, else the Chinese label of the breakdown key. */
    public String breakdown(String dataset, String breakdown) {
        return breakdown.isEmpty() ? "合计" : MeasureLabels.breakdown(mappings.get(dataset), breakdown);
    }

    public String region(String code) {
        return code == null ? "" : regions.find(code.strip()).map(Region::name).orElse(code);
    }

    public String time(LocalDateTime time) {
        return time == null ? "—" : TIME.format(time);
    }

    public String time(OffsetDateTime time) {
        return time == null ? "—" : TIME.format(time.atZoneSameInstant(ZoneId.systemDefault()));
    }

    /** A count or amount with thousands separators: 12,345 and 8,500.5; null is —. */
    public String number(Number value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof BigDecimal decimal) {
            return new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(decimal);
        }
        return String.format(Locale.ROOT, "%,d", value.longValue());
    }

    public String duration(Duration duration) {
        if (duration == null) {
            return "—";
        }
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " 秒";
        }
        if (seconds < 3600) {
            return seconds / 60 + " 分 " + seconds % 60 + " 秒";
        }
        return seconds / 3600 + " 小时 " + seconds % 3600 / 60 + " 分";
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
