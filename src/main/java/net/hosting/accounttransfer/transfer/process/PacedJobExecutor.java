package net.hosting.accounttransfer.transfer.process;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.BackoffJobAcquisitionStrategy;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobsRunnable;
import org.camunda.bpm.engine.impl.jobexecutor.JobAcquisitionContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobAcquisitionStrategy;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.engine.impl.jobexecutor.SequentialJobAcquisitionRunnable;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Camunda's job executor, as the starter builds it from {@code camunda.bpm.job-execution.*}, with two changes, so
 * that under load steps are acquired in batches instead of one by one, and a backlog still drains at full speed.
 * <ul>
 *   <li>Camunda wakes the acquisition thread whenever a new step commits, and acquires again at once after any round
 *   that found a step, so at a dozen transfers a second nearly every step cost an acquisition of its own (a
 *   transaction that reads and locks {@code act_ru_job}). Here a round that found some steps, but fewer than it
 *   asked for, is followed by the next no sooner than {@code app.job-acquisition-pause} after it began: the steps due
 *   are all taken, and more are coming one by one. A round that found all it asked for is followed at once, so a
 *   backlog (10,000 renewals due at once) is taken as fast as the threads run it; a round that found nothing is ended
 *   by the next step's commit as before, so a step after a quiet moment is taken at once.</li>
 *   <li>While the step threads and their queue are full, the steps they refused stay in the executor's hands, and
 *   Camunda acquired more at every round only to have them refused too. Here a round asks the database for nothing
 *   while refused steps are held, and offers those again as soon as a step thread finishes one.</li>
 *   <li>Camunda wakes the acquisition whenever a step thread finishes its steps, for an executor that backs off
 *   (this one does not). A round then read the job table after every finished step, twice when it found nothing, as
 *   a backlog ran out or between steps coming one by one. Here a finished step wakes it only to offer refused steps
 *   again; the commit of a new step still wakes it.</li>
 * </ul>
 * The price is at most one pause of added wait per step, and only while steps keep coming one by one.
 */
@Component
// as the starter's own: none when staff or a test turn the job executor off (it has no step threads then)
@ConditionalOnProperty(prefix = "camunda.bpm.job-execution", name = "enabled", havingValue = "true",
        matchIfMissing = true)
public class PacedJobExecutor extends SpringJobExecutor {

    private final long pauseMillis;

    PacedJobExecutor(
            @Qualifier(DefaultJobConfiguration.JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER) TaskExecutor steps,
            CamundaBpmProperties camunda, @Value("${app.job-acquisition-pause}") Duration pause) {
        if (pause.isNegative()) {
            throw new IllegalArgumentException("app.job-acquisition-pause must not be negative: " + pause);
        }
        // what the starter's own job executor bean sets, which this one replaces
        setTaskExecutor(steps);
        setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
        JobExecutionProperty settings = camunda.getJobExecution();
        Optional.ofNullable(settings.getLockTimeInMillis()).ifPresent(this::setLockTimeInMillis);
        setMaxJobsPerAcquisition(maxJobsPerAcquisition(settings.getMaxJobsPerAcquisition(), settings.getCorePoolSize(),
                settings.getQueueCapacity()));
        Optional.ofNullable(settings.getWaitTimeInMillis()).ifPresent(this::setWaitTimeInMillis);
        Optional.ofNullable(settings.getMaxWait()).ifPresent(this::setMaxWait);
        Optional.ofNullable(settings.getBackoffTimeInMillis()).ifPresent(this::setBackoffTimeInMillis);
        Optional.ofNullable(settings.getMaxBackoff()).ifPresent(this::setMaxBackoff);
        Optional.ofNullable(settings.getBackoffDecreaseThreshold()).ifPresent(this::setBackoffDecreaseThreshold);
        Optional.ofNullable(settings.getWaitIncreaseFactor()).ifPresent(this::setWaitIncreaseFactor);
        this.pauseMillis = pause.toMillis();
    }

    /**
     * {@code max-jobs-per-acquisition} if set, else as many steps as the step threads and their queue take at once:
     * a round under load then fills both, and the next is paced, so fewer rounds take the same steps.
     */
    public static int maxJobsPerAcquisition(Integer configured, int threads, int queue) {
        return configured != null ? configured : threads + queue;
    }

    @Override
    protected void ensureInitialization() {
        super.ensureInitialization();
        acquireJobsRunnable = new PacedAcquisition(this, pauseMillis);
    }

    @Override
    public Runnable getExecuteJobsRunnable(List<String> jobIds, ProcessEngineImpl engine) {
        return new PacedAcquisition.Steps(jobIds, engine);
    }

    /**
     * Camunda's acquisition loop, which waits out the pause after a round that found some steps, but fewer than it
     * asked for, and asks for none while it holds steps the full threads refused.
     */
    public static class PacedAcquisition extends SequentialJobAcquisitionRunnable {

        private final long pauseMillis;
        /** Whether this round found steps, but fewer than it asked for: more are coming one by one. */
        private boolean partial;
        /** Whether the last round ended with steps the full threads refused, to be offered again. */
        private volatile boolean holdingRefused;

        public PacedAcquisition(JobExecutor executor, long pauseMillis) {
            super(executor);
            this.pauseMillis = pauseMillis;
        }

        @Override
        protected AcquiredJobs acquireJobs(JobAcquisitionContext context, JobAcquisitionStrategy strategy,
                ProcessEngineImpl engine) {
            AcquiredJobs acquired = super.acquireJobs(context, strategy, engine);
            int found = acquired.size() + acquired.getNumberOfJobsFailedToLock();
            // against what this round asked for (none while refused steps are held): a round that gets all it asked
            // for is a sign of a backlog, not of steps coming one by one
            partial |= found > 0 && found < acquired.getNumberOfJobsAttemptedToAcquire();
            return acquired;
        }

        @Override
        protected JobAcquisitionStrategy initializeAcquisitionStrategy() {
            return new BackoffJobAcquisitionStrategy(jobExecutor) {
                @Override
                public int getNumJobsToAcquire(String engine) {
                    // the threads are full: more steps would only be refused too, each at the price of a transaction
                    return holdingRefused ? 0 : super.getNumJobsToAcquire(engine);
                }
            };
        }

        @Override
        protected void suspendAcquisition(long millis) {
            holdingRefused = !getAcquisitionContext().getRejectedJobsByEngine().isEmpty();
            // a round whose steps were refused is followed by one that offers them again and reads nothing
            long earliest = partial && !holdingRefused ? getAcquisitionContext().getAcquisitionTime() + pauseMillis : 0;
            partial = false;
            // Camunda's wait: the strategy's idle or back-off time, ended early by a new step's commit
            super.suspendAcquisition(millis);
            for (long left = earliest - System.currentTimeMillis(); left > 0 && !isInterrupted;
                    left = earliest - System.currentTimeMillis()) {
                super.suspendAcquisition(left);
            }
        }

        /** Camunda's wake, let through from a step thread between its steps only while refused steps are held. */
        @Override
        public void jobWasAdded() {
            if (!Steps.BETWEEN_STEPS.get() || holdingRefused) {
                super.jobWasAdded();
            }
        }

        /**
         * Camunda's runnable of steps, marking the time between its steps: a wake then comes from Camunda's runnable
         * itself when it is done, not from the commit of a new step.
         */
        public static class Steps extends ExecuteJobsRunnable {

            static final ThreadLocal<Boolean> BETWEEN_STEPS = ThreadLocal.withInitial(() -> false);

            public Steps(List<String> jobIds, ProcessEngineImpl engine) {
                super(jobIds, engine);
            }

            @Override
            public void run() {
                BETWEEN_STEPS.set(true);
                try {
                    super.run();
                } finally {
                    BETWEEN_STEPS.remove();
                }
            }

            @Override
            protected void executeJob(String jobId, CommandExecutor commands, JobFailureCollector failures) {
                BETWEEN_STEPS.set(false);
                try {
                    super.executeJob(jobId, commands, failures);
                } finally {
                    BETWEEN_STEPS.set(true);
                }
            }
        }
    }
}
