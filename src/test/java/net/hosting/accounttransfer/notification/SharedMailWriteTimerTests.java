package net.hosting.accounttransfer.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The service's mail sender shares one timer thread for its write timeouts, and a relay that stops reading still
 * fails the send within the write timeout. The relay here is a single thread that serves one connection after the
 * other, so every thread started while mails go out is the mail library's.
 */
class SharedMailWriteTimerTests {

    private static final int MAILS = 20;

    private final SharedMailWriteTimer timer = new SharedMailWriteTimer();
    private Relay relay;

    @AfterEach
    void stop() throws IOException {
        timer.destroy();
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void everyConnectionSharesOneTimerThread() throws Exception {
        relay = new Relay(false);
        JavaMailSenderImpl sender = (JavaMailSenderImpl) timer.postProcessBeforeInitialization(sender(10_000), "mail");

        long started = threadsStartedWhileSending(sender);

        assertThat(relay.delivered.get()).isEqualTo(MAILS);
        // the shared timer's thread, started by the first write
        assertThat(started).as("threads started for %d mails, one connection each", MAILS).isLessThanOrEqualTo(1);
    }

    /** What the first test guards against: the same sender without the shared timer. */
    @Test
    void withoutTheSharedTimerEveryConnectionStartsAThread() throws Exception {
        relay = new Relay(false);

        long started = threadsStartedWhileSending(sender(10_000));

        assertThat(started).as("threads started for %d mails, one connection each", MAILS).isGreaterThanOrEqualTo(MAILS);
    }

    @Test
    void aRelayThatStopsReadingFailsTheSendWithinTheWriteTimeout() throws Exception {
        relay = new Relay(true);
        JavaMailSenderImpl sender = (JavaMailSenderImpl) timer.postProcessBeforeInitialization(sender(500), "mail");
        SimpleMailMessage mail = mail();
        // more than the socket buffers on both sides take, so a write blocks once the relay stops reading
        mail.setText(("x".repeat(70) + "\n").repeat(1 << 20));

        long began = System.nanoTime();
        assertThatThrownBy(() -> sender.send(mail)).isInstanceOf(MailSendException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(relay.stalled.get()).as("connections that reached the stalled message").isEqualTo(1);
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

    /** An SMTP relay on one thread, one connection at a time; stalling, it stops reading once DATA begins. */
    private static final class Relay implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final boolean stall;
        private final AtomicInteger delivered = new AtomicInteger();
        private final AtomicInteger stalled = new AtomicInteger();
        private final Thread thread;

        Relay(boolean stall) throws IOException {
            this.stall = stall;
            this.thread = new Thread(this::serve, "test-relay");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    converse(client);
                } catch (IOException | InterruptedException closed) {
                    // the client went away, or the test is over
                }
            }
        }

        private void converse(Socket client) throws IOException, InterruptedException {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
            reply(out, "220 relay.test");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase();
                switch (command) {
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        if (stall) {
                            stalled.incrementAndGet();
                            // read nothing more: the client's writes fill the socket buffers and block
                            while (!server.isClosed()) {
                                Thread.sleep(50);
                            }
                            return;
                        }
                        for (String body = in.readLine(); body != null && !body.equals("."); body = in.readLine()) {
                            // the message, up to its final dot
                        }
                        delivered.incrementAndGet();
                        reply(out, "250 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        }

        private static void reply(Writer out, String line) throws IOException {
            out.write(line + "\r\n");
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
