package net.hosting.accounttransfer.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import net.hosting.accounttransfer.transfer.process.JobLogRemovalTimePlugin;
import net.hosting.accounttransfer.transfer.process.TransferProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The engine floor: the service's own BPMN on a bare engine configured from the service's application.yaml, with
 * no-op delegates that set the variables the service's delegates set, so that it costs what the model costs and
 * nothing of our code. A reference by design, never a stand-in for the service.
 */
public final class EngineFloor {

    public static final String PROCESS_BPMN = "processes/account-transfer.bpmn";
    
    private static final Pattern DELEGATE = Pattern.compile("\\$\\{(\\w+Delegate)}");

    private EngineFloor() {
    }

    /** An engine on this data source with the service's settings; its delegates tell the clients, if any. */
    public static StandaloneProcessEngineConfiguration configuration(DataSource dataSource,
            ServiceEngineSettings settings, boolean jobExecutor) {
        return configuration(dataSource, settings, jobExecutor, null);
    }

    static StandaloneProcessEngineConfiguration configuration(DataSource dataSource, ServiceEngineSettings settings,
            boolean jobExecutor, InProcessClients clients) {
        var configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("engine-floor-" + UUID.randomUUID());
        configuration.setDataSource(dataSource);
        settings.applyTo(configuration, jobExecutor);
        // the service's engine plugin that bears on history (the others act on staff's Cockpit actions only)
        new JobLogRemovalTimePlugin().preInit(configuration);
        configuration.setBeans(delegates(clients));
        return configuration;
    }

    /**
     * A no-op for every delegate the BPMN names. Three write what the service's write: the hand-over copies the
     * billing mode, the refund records whether a previous payer was refunded, and the renewal schedule sets the
     * renewal date (a yearly subscription accepted now: a year from now, the longest wait of a lifecycle).
     */
    private static Map<Object, Object> delegates(InProcessClients clients) {
        Map<Object, Object> beans = new HashMap<>();
        try (InputStream bpmn = EngineFloor.class.getClassLoader().getResourceAsStream(PROCESS_BPMN)) {
            if (bpmn == null) {
                throw new IllegalStateException(PROCESS_BPMN + " is not on the classpath");
            }
            Matcher names = DELEGATE.matcher(new String(bpmn.readAllBytes(), StandardCharsets.UTF_8));
            while (names.find()) {
                beans.put(names.group(1), (JavaDelegate) execution -> {
                });
            }
        } catch (IOException e) {
            throw new IllegalStateException(PROCESS_BPMN + " is not readable", e);
        }
        beans.put("transferOwnershipDelegate", (JavaDelegate) execution -> execution.setVariable(
                TransferProcess.BILLING_MODE, execution.getVariable(TransferProcess.BILLING_MODE)));
        beans.put("refundSenderDelegate", (JavaDelegate) execution -> execution.setVariable(
                TransferProcess.PREVIOUS_PAYER_REFUNDED, false));
        beans.put("scheduleRenewalInvoiceDelegate", (JavaDelegate) execution -> execution.setVariable(
                TransferProcess.RENEWAL_DATE, Date.from(ClockUtil.getCurrentTime().toInstant()
                        .atZone(ZoneOffset.UTC).plusYears(1).toInstant())));
        if (clients != null) {
            beans.put("notifyRecipientDelegate", (JavaDelegate) clients::offerMailed);
            beans.put("notifyTransferCompletedDelegate", (JavaDelegate) clients::ended);
        }
        return beans;
    }

    /**
     * Starts one lifecycle as the service does: the transfer id as business key and the seven variables of
     * CamundaTransferWorkflow.start, with the offer's reminder and expiry 11 and 14 days ahead.
     */
    public static String start(ProcessEngine engine, String billingMode) {
        String transferId = UUID.randomUUID().toString();
        Instant now = ClockUtil.getCurrentTime().toInstant();
        return engine.getRuntimeService().startProcessInstanceByKey(TransferProcess.PROCESS_ID, transferId,
                Variables.createVariables()
                        .putValue(TransferProcess.TRANSFER_ID, transferId)
                        .putValue(TransferProcess.ACCOUNT_NAME, "floor-" + transferId.substring(0, 8))
                        .putValue(TransferProcess.SENDER_EMAIL, "sender-" + transferId.substring(0, 8) + "@bench.test")
                        .putValue(TransferProcess.RECIPIENT_EMAIL,
                                "recipient-" + transferId.substring(0, 8) + "@bench.test")
                        .putValue(TransferProcess.BILLING_MODE, billingMode)
                        .putValue(TransferProcess.EXPIRES_AT, Date.from(now.plus(Duration.ofDays(14))))
                        .putValue(TransferProcess.REMIND_AT, Date.from(now.plus(Duration.ofDays(11)))))
                .getId();
    }
}
