package net.hosting.accounttransfer.transfer.process;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.UUID;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.TransfersByApi;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every log line of a process step names its transfer and process instance, so one grep follows a transfer. */
class StepLogContextIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eachStepLogsWithTheTransferIdAndProcessInstanceId() {
        Logger steps = (Logger) LoggerFactory.getLogger(TransferStepDelegate.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        steps.addAppender(lines);
        try {
            Profile alice = fixtures.customer("Alice", Profile.Language.EN);
            Profile bob = fixtures.customer("Bob", Profile.Language.EN);
            String account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 5).name();
            UUID transfer = TransfersByApi.transferNow(api.as(alice.email(), Fixtures.PASSWORD), account,
                    api.as(bob.email(), Fixtures.PASSWORD), bob.email());
            String processInstance = jdbc.queryForObject(
                    "select process_instance_id from transfer where id = ?", String.class, transfer);

            List<ILoggingEvent> ofThisTransfer = List.copyOf(lines.list).stream()
                    .filter(line -> transfer.toString().equals(line.getMDCPropertyMap().get("transferId"))).toList();
            assertThat(ofThisTransfer).extracting(ILoggingEvent::getFormattedMessage)
                    .contains("Task_InvoiceRecipient done", "Task_RefundSender done");
            assertThat(ofThisTransfer).allSatisfy(line ->
                    assertThat(line.getMDCPropertyMap()).containsEntry("processInstanceId", processInstance));
        } finally {
            steps.detachAppender(lines);
        }
    }
}
