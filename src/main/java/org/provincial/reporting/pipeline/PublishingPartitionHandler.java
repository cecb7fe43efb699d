package org.provincial.reporting.pipeline;

import java.util.Collection;
import java.util.function.Consumer;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs a step's partitions (a {@code TaskExecutorPartitionHandler} here, a remote one would do) between preparing
 * for their run-scoped results and, once every partition completed, publishing them: the results become the
 * current ones in one short transaction, so that neither a reader nor a crash sees a part of them. A failure of
 * preparing or publishing is told by its reason, as the partitions' are ({@link StepFailedException}).
 */
final class PublishingPartitionHandler implements PartitionHandler {

    /** Makes the run-scoped results of the partitions given the current ones. */
    interface Publication {
        void publish(StepExecution manager, Collection<StepExecution> partitions);
    }

    private final PartitionHandler partitions;
    private final Consumer<StepExecution> prepare;
    private final Publication publication;

    PublishingPartitionHandler(PartitionHandler partitions, Consumer<StepExecution> prepare, Publication publication) {
        this.partitions = partitions;
        this.prepare = prepare;
        this.publication = publication;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
        return StepFailedException.told(() -> {
            prepare.accept(manager);
            Collection<StepExecution> executions = partitions.handle(splitter, manager);
            if (executions.stream().allMatch(execution -> execution.getStatus() == BatchStatus.COMPLETED)) {
                publication.publish(manager, executions);
            }
            return executions;
        });
    }
}
