package net.hosting.accounttransfer.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import net.hosting.accounttransfer.support.MinimalSmtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The service's mail sender shares one timer thread for its write timeouts, and a relay that stops reading still
 * fails the send within the write timeout. The relay here serves one connection after the other on a single thread,
 * so every thread started while mails go out is the mail library's.
 */
class SharedMailWriteTimerTests {

    private static final int MAILS = 20;

    private final SharedMailWriteTimer timer = new SharedMailWriteTimer();
    private MinimalSmtpServer relay;

    @AfterEach
    void stop() throws IOException {
        timer.destroy();
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void everyConnectionSharesOneTimerThread() throws Exception {
        relay = MinimalSmtpServer.taking();
        JavaMailSenderImpl sender = (JavaMailSenderImpl) timer.postProcessBeforeInitialization(sender(10_000), "mail");

        long started = threadsStartedWhileSending(sender);

        assertThat(relay.delivered()).hasSize(MAILS);
        // the shared timer's thread, started by the first write
        assertThat(started).as("threads started for %d mails, one connection each", MAILS).isLessThanOrEqualTo(1);
    }

    /** What the first test guards against: the same sender without the shared timer. */
    @Test
    void withoutTheSharedTimerEveryConnectionStartsAThread() throws Exception {
        relay = MinimalSmtpServer.taking();

        long started = threadsStartedWhileSending(sender(10_000));

        assertThat(started).as("threads started for %d mails, one connection each", MAILS).isGreaterThanOrEqualTo(MAILS);
    }

    @Test
    void aRelayThatStopsReadingFailsTheSendWithinTheWriteTimeout() throws Exception {
        relay = MinimalSmtpServer.stallingAtData();
        JavaMailSenderImpl sender = (JavaMailSenderImpl) timer.postProcessBeforeInitialization(sender(500), "mail");
        SimpleMailMessage mail = mail();
        // more than the socket buffers on both sides take, so a write blocks once the relay stops reading
        mail.setText(("x".repeat(70) + "\n").repeat(1 << 20));

        long began = System.nanoTime();
        assertThatThrownBy(() -> sender.send(mail)).isInstanceOf(MailSendException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(relay.stalled()).as("connections that reached the stalled message").isEqualTo(1);
        assertThat(took).as("a send to a relay that stopped reading, with a write timeout of 500 ms")
                .isLessThan(Duration.ofSeconds(10));
    }

    private long threadsStartedWhileSending(JavaMailSenderImpl sender) {
        var threads = ManagementFactory.getThreadMXBean();
        long before = threads.getTotalStartedThreadCount();
        for (int i = 0; i < MAILS; i++) {
            sender.send(mail());
        }
        return threads.getTotalStartedThreadCount() - before;
    }

    private JavaMailSenderImpl sender(int writeTimeoutMillis) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(relay.port());
        sender.getJavaMailProperties().setProperty("mail.smtp.connectiontimeout", "5000");
        sender.getJavaMailProperties().setProperty("mail.smtp.timeout", "10000");
        sender.getJavaMailProperties().setProperty("mail.smtp.writetimeout", String.valueOf(writeTimeoutMillis));
        return sender;
    }

    private static SimpleMailMessage mail() {
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom("transfers@hosting.test");
        mail.setTo("reader@example.test");
        mail.setSubject("A transfer");
        mail.setText("Hello");
        return mail;
    }
}
