package net.hosting.accounttransfer.transfer.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.SchemaOperationsCommand;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.runtime.PvmExecutionImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Registers the service's history level ({@link Level}) and moves a database that the service wrote at FULL to it.
 * Camunda stores its history level in act_ge_property {@code historyLevel} and refuses to start when the configuration
 * names another; the move runs inside the engine's own start-up, right after its schema operations (which create the
 * tables on a fresh database) and before that check, under the start-up lock, so neither Flyway's order nor a second
 * node starting at the same time matters. Any other stored level is left alone, and Camunda refuses as before.
 */
@Component
public class StaffHistoryPlugin extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(StaffHistoryPlugin.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = new ArrayList<>();
        if (configuration.getCustomHistoryLevels() != null) {
            levels.addAll(configuration.getCustomHistoryLevels());
        }
        levels.add(new Level());
        configuration.setCustomHistoryLevels(levels);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (Level.NAME.equals(configuration.getHistory())) {
            configuration.setSchemaOperationsCommand(new MoveFromFull(configuration.getSchemaOperationsCommand()));
        }
    }

    /** The engine's schema operations, then the stored level moved from FULL to ours. */
    private record MoveFromFull(SchemaOperationsCommand schemaOperations) implements SchemaOperationsCommand {

        @Override
        public Void execute(CommandContext context) {
            schemaOperations.execute(context);
            if (!isFull(context.getPropertyManager().findPropertyById("historyLevel"))) {
                return null;
            }
            context.getPropertyManager().acquireExclusiveLockForStartup();
            PropertyEntity stored = context.getPropertyManager().findPropertyById("historyLevel");
            if (isFull(stored)) {
                stored.setValue(Integer.toString(Level.ID));
                log.info("History level moved from full ({}) to {} ({}): variable details and the activity instances"
                        + " of start events, end events and gateways are no longer recorded",
                        HistoryLevel.HISTORY_LEVEL_FULL.getId(), Level.NAME, Level.ID);
            }
            return null;
        }

        private static boolean isFull(PropertyEntity stored) {
            return stored != null
                    && Integer.toString(HistoryLevel.HISTORY_LEVEL_FULL.getId()).equals(stored.getValue());
        }
    }

    /**
     * The engine's history level ({@code camunda.bpm.history-level: staff}): FULL, less what nobody reads. Kept:
     * process instances, task instances, the last value of each variable (staff search by them), incidents, the job
     * log, the user operation log, and the activity instances of tasks, sub-processes, boundary and intermediate events
     * (wait states and steps, where incidents and Cockpit point). Dropped: variable details ({@code act_hi_detail}:
     * every value a variable ever had, and submitted form fields) and the activity instances of none start events, end
     * events and exclusive, parallel and inclusive gateways, which pass in the transaction that reaches them. Which end
     * event an instance took stays in its process instance ({@code end_act_id_}). docs/performance.md says why.
     */
    public static final class Level extends AbstractHistoryLevel {

        public static final String NAME = "staff";

        /** Stored in act_ge_property {@code historyLevel}; Camunda's own levels are 0 to 3. */
        public static final int ID = 30;

        /** The activity types ({@code BpmnProperties.TYPE}) whose instances are not recorded. */
        static final Set<String> UNRECORDED_ACTIVITIES = Set.of(ActivityTypes.START_EVENT, ActivityTypes.END_EVENT_NONE,
                ActivityTypes.END_EVENT_TERMINATE, ActivityTypes.GATEWAY_EXCLUSIVE, ActivityTypes.GATEWAY_PARALLEL,
                ActivityTypes.GATEWAY_INCLUSIVE);

        private static final Set<HistoryEventType> ACTIVITY_EVENTS = Set.of(HistoryEventTypes.ACTIVITY_INSTANCE_START,
                HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE, HistoryEventTypes.ACTIVITY_INSTANCE_END,
                HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE);

        @Override
        public int getId() {
            return ID;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL
                    || eventType == HistoryEventTypes.FORM_PROPERTY_UPDATE) {
                return false;
            }
            // with no entity (the BPMN parse asks so) the listeners stay: each instance is judged when it happens, and
            // start, update and end of one activity are judged alike, so no row is updated that was never written
            if (ACTIVITY_EVENTS.contains(eventType) && entity instanceof PvmExecutionImpl execution) {
                ActivityImpl activity = execution.getActivity();
                if (activity != null && UNRECORDED_ACTIVITIES.contains(activity.getProperty("type"))) {
                    return false;
                }
            }
            return HistoryLevel.HISTORY_LEVEL_FULL.isHistoryEventProduced(eventType, entity);
        }
    }
}
