package net.hosting.accounttransfer.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.task.Task;

/**
 * A bare Camunda engine of the service's version in this JVM, with its defaults, the job executor on and FULL
 * history, running {@code bench/bare-lifecycle.bpmn} at the same N and C as the service: the yardstick.
 */
final class BareEngine {

    record Result(int completed, double lifecyclesPerSecond, Latencies start, Latencies complete, int failed) {
    }

    private BareEngine() {
    }

    static Result run(String jdbcUrl, String username, String password, int n, int clients, Duration deadline)
            throws Exception {
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(jdbcUrl);
            dataSource.setUsername(username);
            dataSource.setPassword(password);
            var configuration = new StandaloneProcessEngineConfiguration();
            configuration.setProcessEngineName("bare-bench");
            configuration.setDataSource(dataSource);
            configuration.setDatabaseSchemaUpdate("true");
            configuration.setHistory("full");
            configuration.setJobExecutorActivate(true);
            // as the Spring Boot starter does in the service: the default block generator takes a second
            // connection per id block and starves the pool under concurrent clients
            configuration.setIdGenerator(new StrongUuidGenerator());
            // as in the service: the Scala FEEL engine is not on the classpath (no DMN here, see pom.xml)
            configuration.setDmnFeelEnableLegacyBehavior(true);
            ProcessEngine engine = configuration.buildProcessEngine();
            try {
                engine.getRepositoryService().createDeployment()
                        .addClasspathResource("bench/bare-lifecycle.bpmn").deploy();
                return drive(engine, n, clients, deadline);
            } finally {
                engine.close();
            }
        }
    }

    private static Result drive(ProcessEngine engine, int n, int clients, Duration deadline) throws Exception {
        Latencies start = new Latencies();
        Latencies complete = new Latencies();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Instant began = Instant.now();
        long giveUp = System.nanoTime() + deadline.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                while (next.getAndIncrement() < n && System.nanoTime() < giveUp) {
                    try {
                        long t = System.nanoTime();
                        String instance = engine.getRuntimeService().startProcessInstanceByKey("BareLifecycle").getId();
                        start.record(t);
                        Task task = null;
                        while (task == null && System.nanoTime() < giveUp) {
                            // the same pace as a client that looks for the offer mail
                            Thread.sleep(25);
                            task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
                        }
                        t = System.nanoTime();
                        engine.getTaskService().complete(task.getId());
                        complete.record(t);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(deadline.toSeconds(), TimeUnit.SECONDS);
        var history = engine.getHistoryService();
        while (history.createHistoricProcessInstanceQuery().finished().count() < complete.count()
                && System.nanoTime() < giveUp) {
            Thread.sleep(50);
        }
        int completed = (int) history.createHistoricProcessInstanceQuery().finished().count();
        Timestamp last = lastEnd(engine);
        double seconds = Duration.between(began, last.toInstant()).toNanos() / 1e9;
        return new Result(completed, completed / seconds, start, complete, failed.get());
    }

    private static Timestamp lastEnd(ProcessEngine engine) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().finished()
                .orderByProcessInstanceEndTime().desc().listPage(0, 1).stream().findFirst()
                .map(instance -> new Timestamp(instance.getEndTime().getTime()))
                .orElseThrow(() -> new IllegalStateException("no bare lifecycle finished"));
    }
}
