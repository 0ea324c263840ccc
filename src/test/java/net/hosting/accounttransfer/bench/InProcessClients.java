package net.hosting.accounttransfer.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Clients of an engine in this JVM, as the service's customers are of the service: each starts a lifecycle,
 * waits until its offer step has committed (the offer mail), then completes the user task in one transaction
 * that finds it by the instance, as the service's accept request does. The process tells them through
 * {@link #offerMailed} and {@link #ended}, called from its no-op steps, without a query of theirs in between.
 */
public final class InProcessClients {

    /** Starts lifecycle number i and returns its process instance id. */
    interface Starter {
        String start(int i);
    }

    record Result(Latencies start, Latencies complete, int failed, int ended, double lifecyclesPerSecond) {
    }

    private final Map<String, CountDownLatch> offers = new ConcurrentHashMap<>();
    private final AtomicInteger ended = new AtomicInteger();

    /** Called by the step that mails the offer: the client may accept once it has committed. */
    public void offerMailed(DelegateExecution execution) {
        String instance = execution.getProcessInstanceId();
        Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                context -> latch(instance).countDown());
    }

    /** Called by the lifecycle's last step: the lifecycle is over once it has committed. */
    public void ended(DelegateExecution execution) {
        Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                context -> ended.incrementAndGet());
    }

    private CountDownLatch latch(String instance) {
        return offers.computeIfAbsent(instance, id -> new CountDownLatch(1));
    }

    /**
     * Runs lifecycles from (inclusive) to to (exclusive) from C clients, each completing its user task with the
     * given variables; returns once all have ended.
     */
    Result run(ProcessEngine engine, int from, int to, int clients, Duration deadline, Starter starter,
            Map<String, Object> decision) throws InterruptedException {
        var commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        Latencies start = new Latencies();
        Latencies complete = new Latencies();
        AtomicInteger next = new AtomicInteger(from);
        AtomicInteger failed = new AtomicInteger();
        int endedBefore = ended.get();
        long began = System.nanoTime();
        long giveUp = began + deadline.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < to && System.nanoTime() < giveUp; i = next.getAndIncrement()) {
                    try {
                        long t = System.nanoTime();
                        String instance = starter.start(i);
                        start.record(t);
                        if (!latch(instance).await(Math.max(1, giveUp - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                            failed.incrementAndGet();
                            continue;
                        }
                        offers.remove(instance);
                        t = System.nanoTime();
                        commands.execute(context -> {
                            String task = context.getTaskManager().findTasksByProcessInstanceId(instance).stream()
                                    .map(TaskEntity::getId).findFirst().orElseThrow(() -> new IllegalStateException(
                                            "instance " + instance + " waits for no decision"));
                            return new CompleteTaskCmd(task, decision).execute(context);
                        });
                        complete.record(t);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        System.err.println("bench: in-process lifecycle " + i + " failed: " + e);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(deadline.toSeconds(), TimeUnit.SECONDS);
        int expected = to - from - failed.get();
        while (ended.get() - endedBefore < expected && System.nanoTime() < giveUp) {
            Thread.sleep(20);
        }
        int done = ended.get() - endedBefore;
        return new Result(start, complete, failed.get(), done, done / ((System.nanoTime() - began) / 1e9));
    }
}
