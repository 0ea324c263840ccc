package net.hosting.accounttransfer.transfer.process;

import java.util.List;
import java.util.Map;
import net.hosting.accounttransfer.transfer.TransferProperties;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationInstructionsBuilder;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When staff switch on {@code transfer.migrate-older-versions}, moves at start the running instances of older AccountTransfer versions onto the deployed one, so that every
 * transfer runs the steps this code serves: a task renamed since keeps its place, and a transfer accepted on an
 * older version still passes "Mark the transfer completed". An instance whose state has no place in the new
 * version stays where it is, named in the log for staff (Cockpit shows its version). Switched off, a start only
 * logs how many instances run on older versions.
 */
@Component
class ProcessVersionMigration {

    private static final Logger log = LoggerFactory.getLogger(ProcessVersionMigration.class);

    /** Activities renamed since an earlier version, old id to new id. */
    static final Map<String, String> RENAMED = Map.of("Task_NotifyBillingScheduled", "Task_NotifyAcceptedAtRenewal");

    private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final TransferProperties settings;

    ProcessVersionMigration(RepositoryService repository, RuntimeService runtime, TransferProperties settings) {
        this.repository = repository;
        this.runtime = runtime;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (settings.migrateOlderVersions()) {
            log.info("transfer.migrate-older-versions is on: moved {} AccountTransfer instances onto the deployed"
                    + " version", migrateToLatest());
            return;
        }
        long waiting = onOlderVersions();
        if (waiting > 0) {
            log.info("{} AccountTransfer instances run on older process versions; set transfer.migrate-older-versions"
                    + "=true (TRANSFER_MIGRATE_OLDER_VERSIONS) for one start to move them onto the deployed one",
                    waiting);
        }
    }

    /** How many running instances are on a version older than the deployed one. */
    long onOlderVersions() {
        ProcessDefinition latest = latest();
        return latest == null ? 0 : runtime.createProcessInstanceQuery().processDefinitionKey(TransferProcess.PROCESS_ID)
                .count() - runtime.createProcessInstanceQuery().processDefinitionId(latest.getId()).count();
    }

    private ProcessDefinition latest() {
        return repository.createProcessDefinitionQuery()
                .processDefinitionKey(TransferProcess.PROCESS_ID).latestVersion().singleResult();
    }

    /** Migrates what it can and returns how many instances it moved. */
    int migrateToLatest() {
        ProcessDefinition latest = latest();
        if (latest == null) {
            return 0;
        }
        int moved = 0;
        for (ProcessDefinition older : repository.createProcessDefinitionQuery()
                .processDefinitionKey(TransferProcess.PROCESS_ID).list()) {
            if (!older.getId().equals(latest.getId())
                    && runtime.createProcessInstanceQuery().processDefinitionId(older.getId()).count() > 0) {
                moved += migrate(older, latest);
            }
        }
        return moved;
    }

    private int migrate(ProcessDefinition older, ProcessDefinition latest) {
        MigrationPlan plan;
        try {
            plan = plan(older, latest);
        } catch (ProcessEngineException e) {
            log.warn("AccountTransfer version {} cannot be mapped onto version {}; its instances stay on it: {}",
                    older.getVersion(), latest.getVersion(), e.getMessage());
            return 0;
        }
        // one instance at a time: one that cannot move must not hold the others back, nor fail the start
        List<String> instances = runtime.createProcessInstanceQuery().processDefinitionId(older.getId()).list()
                .stream().map(ProcessInstance::getId).toList();
        int moved = 0;
        for (String instance : instances) {
            try {
                runtime.newMigration(plan).processInstanceIds(instance).execute();
                moved++;
            } catch (ProcessEngineException e) {
                log.warn("AccountTransfer instance {} stays on version {}: {}", instance, older.getVersion(),
                        e.getMessage());
            }
        }
        log.info("moved {} of {} AccountTransfer instances from version {} to {}", moved, instances.size(),
                older.getVersion(), latest.getVersion());
        return moved;
    }

    private MigrationPlan plan(ProcessDefinition older, ProcessDefinition latest) {
        BpmnModelInstance before = repository.getBpmnModelInstance(older.getId());
        BpmnModelInstance after = repository.getBpmnModelInstance(latest.getId());
        MigrationInstructionsBuilder plan = runtime.createMigrationPlan(older.getId(), latest.getId())
                .mapEqualActivities();
        // the "mail both" tasks were multi-instances, one step per party; mapEqualActivities maps only activities on
        // the same level, so a step queued inside one is mapped onto the single task here, whose delegate then mails
        // both parties and skips the one whose mail is already keyed in sent_mail
        for (Activity multi : before.getModelElementsByType(Activity.class)) {
            if (multi.getLoopCharacteristics() != null && !RENAMED.containsKey(multi.getId())
                    && after.getModelElementById(multi.getId()) instanceof Activity single
                    && single.getLoopCharacteristics() == null) {
                plan.mapActivities(multi.getId(), single.getId());
            }
        }
        RENAMED.forEach((from, to) -> {
            if (before.getModelElementById(from) instanceof Activity renamed
                    && after.getModelElementById(to) instanceof Activity target) {
                if (renamed.getLoopCharacteristics() != null && target.getLoopCharacteristics() != null) {
                    plan.mapActivities(from + MULTI_INSTANCE_BODY, to + MULTI_INSTANCE_BODY);
                }
                plan.mapActivities(from, to);
            }
        });
        return plan.build();
    }
}
