package org.provincial.reporting.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The partition contract of the partitioned steps (deduplicate, aggregate; issue 19): partition {@value #PARTITION}
 * of {@value #PARTITIONS}, each a part of every dataset's rows by a hash of the entity its natural key starts with.
 * The province, period and run come from the job; nothing depends on where a partition runs.
 */
final class RunPartitions implements Partitioner {

    /** The partition's number, 0 to {@link #PARTITIONS} − 1. */
    static final String PARTITION = "partition";

    /** How many partitions the rows are spread over. */
    static final String PARTITIONS = "partitions";

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (int i = 0; i < gridSize; i++) {
            ExecutionContext context = new ExecutionContext();
            context.putInt(PARTITION, i);
            context.putInt(PARTITIONS, gridSize);
            partitions.put(PARTITION + i, context);
        }
        return partitions;
    }

    static int partition(StepExecution worker) {
        return worker.getExecutionContext().getInt(PARTITION);
    }

    static int partitions(StepExecution worker) {
        return worker.getExecutionContext().getInt(PARTITIONS);
    }
}
