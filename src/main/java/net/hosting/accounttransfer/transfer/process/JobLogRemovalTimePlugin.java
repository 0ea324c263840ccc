package net.hosting.accounttransfer.transfer.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricJobLogEventEntity;
import org.springframework.stereotype.Component;

/**
 * Under the removal-time strategy {@code start}, Camunda 7.24 leaves the removal time of the job log entry of the
 * step that ends an instance empty (it reads it from the ended instance's history event, which has none), so
 * history cleanup would keep one such row per transfer for ever; this stamps it with its instance's removal time.
 */
@Component
public class JobLogRemovalTimePlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = new ArrayList<>();
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        handlers.add(new Stamp(configuration));
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    /** Runs after the default handler, which only queues the row: the insert at flush takes the stamp. */
    private record Stamp(ProcessEngineConfigurationImpl configuration) implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (!(event instanceof HistoricJobLogEventEntity log) || log.getRemovalTime() != null
                    || log.getRootProcessInstanceId() == null || !ProcessEngineConfiguration
                            .HISTORY_REMOVAL_TIME_STRATEGY_START.equals(configuration.getHistoryRemovalTimeStrategy())) {
                return;
            }
            CommandContext context = Context.getCommandContext();
            HistoricProcessInstanceEventEntity root = context.getDbEntityManager()
                    .selectById(HistoricProcessInstanceEventEntity.class, log.getRootProcessInstanceId());
            // a history event of the instance may be partial; then this leaves the row as Camunda wrote it
            if (root == null || root.getStartTime() == null || root.getProcessDefinitionId() == null) {
                return;
            }
            log.setRemovalTime(root.getRemovalTime() != null ? root.getRemovalTime()
                    : configuration.getHistoryRemovalTimeProvider().calculateRemovalTime(root,
                            configuration.getDeploymentCache().findDeployedProcessDefinitionById(
                                    root.getProcessDefinitionId())));
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }
}
