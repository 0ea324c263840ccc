package net.hosting.accounttransfer.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP relay in front of a real SMTP server that refuses a share of the deliveries at random: each session is
 * either relayed as it is, line by line, or meets one fault, a 4xx answer to MAIL, RCPT or DATA, or a connection
 * dropped after the greeting, after MAIL or in the middle of the message. A dropped message never reaches its
 * final dot, so the server behind discards it: no fault here can deliver a mail the sender was told failed.
 */
final class FlakySmtpRelay implements AutoCloseable {

    /** What happens to one refused delivery. */
    enum Fault {
        REFUSE_MAIL, REFUSE_RCPT, REFUSE_DATA, DROP_AFTER_GREETING, DROP_AFTER_MAIL, DROP_IN_MESSAGE
    }

    private final int upstreamPort;
    private final double failureRate;
    private final Random random;
    private final ServerSocket server;
    private final ExecutorService sessions = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "flaky-smtp");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
    private final AtomicInteger relayed = new AtomicInteger();

    /** A relay on a free loopback port in front of the SMTP server at {@code upstreamPort}. */
    static FlakySmtpRelay start(int upstreamPort, double failureRate, long seed) {
        try {
            return new FlakySmtpRelay(upstreamPort, failureRate, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FlakySmtpRelay(int upstreamPort, double failureRate, long seed) throws IOException {
        this.upstreamPort = upstreamPort;
        this.failureRate = failureRate;
        this.random = new Random(seed);
        for (Fault fault : Fault.values()) {
            injected.put(fault, new AtomicInteger());
        }
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptSessions, "flaky-smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Sessions that met a fault, in all. */
    int faultsInjected() {
        return injected.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Sessions relayed to the end without a fault. */
    int relayed() {
        return relayed.get();
    }

    /** How many of each fault, e.g. {@code REFUSE_MAIL=41 DROP_IN_MESSAGE=37 ...}. */
    String faultCounts() {
        StringBuilder counts = new StringBuilder();
        injected.forEach((fault, count) -> counts.append(counts.isEmpty() ? "" : " ").append(fault).append('=').append(count));
        return counts.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        sessions.shutdownNow();
    }

    private void acceptSessions() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Fault fault = nextFault();
                sessions.execute(() -> relay(client, fault));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private synchronized Fault nextFault() {
        if (random.nextDouble() >= failureRate) {
            return null;
        }
        return Fault.values()[random.nextInt(Fault.values().length)];
    }

    private void relay(Socket client, Fault fault) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            client.setSoTimeout(30_000);
            upstream.setSoTimeout(30_000);
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            InputStream fromServer = new BufferedInputStream(upstream.getInputStream());
            OutputStream toServer = upstream.getOutputStream();
            toClient.write(reply(fromServer));
            toClient.flush();
            if (fault == Fault.DROP_AFTER_GREETING) {
                count(fault);
                return;
            }
            boolean mailAccepted = false;
            while (true) {
                byte[] line = line(fromClient);
                if (line == null) {
                    if (fault != null) {
                        count(fault); // the client gave up at the fault's answer
                    }
                    return;
                }
                String verb = verb(line);
                if (fault == Fault.DROP_AFTER_MAIL && mailAccepted) {
                    count(fault);
                    return;
                }
                String refusal = refusal(fault, verb);
                if (refusal != null) {
                    toClient.write(refusal.getBytes(StandardCharsets.US_ASCII));
                    toClient.flush();
                    continue;
                }
                toServer.write(line);
                toServer.flush();
                byte[] answer = reply(fromServer);
                toClient.write(answer);
                toClient.flush();
                if (verb.equals("MAIL") && answer[0] == '2') {
                    mailAccepted = true;
                }
                if (verb.equals("DATA") && answer[0] == '3') {
                    if (!message(fromClient, toServer, fault == Fault.DROP_IN_MESSAGE)) {
                        count(fault);
                        return;
                    }
                    byte[] stored = reply(fromServer);
                    toClient.write(stored);
                    toClient.flush();
                    if (stored[0] == '2') {
                        relayed.incrementAndGet();
                    }
                }
                if (verb.equals("QUIT")) {
                    if (fault != null) {
                        count(fault);
                    }
                    return;
                }
            }
        } catch (IOException e) {
            // the client or the server went away: the client sees a failed delivery and its step retries
        }
    }

    private void count(Fault fault) {
        injected.get(fault).incrementAndGet();
    }

    private static String refusal(Fault fault, String verb) {
        if (fault == Fault.REFUSE_MAIL && verb.equals("MAIL")) {
            return "451 4.3.0 Flaky relay: try again later\r\n";
        }
        if (fault == Fault.REFUSE_RCPT && verb.equals("RCPT")) {
            return "450 4.2.1 Flaky relay: mailbox busy, try again later\r\n";
        }
        if (fault == Fault.REFUSE_DATA && verb.equals("DATA")) {
            return "451 4.3.0 Flaky relay: cannot take the message now\r\n";
        }
        return null;
    }

    /**
     * Relays the message up to and including its final dot; when dropping, stops after a few lines of it and
     * answers false, leaving the server behind with a message that never ended.
     */
    private static boolean message(InputStream fromClient, OutputStream toServer, boolean drop) throws IOException {
        int lines = 0;
        while (true) {
            byte[] line = line(fromClient);
            if (line == null) {
                throw new IOException("client left in the middle of its message");
            }
            if (drop && ++lines > 5) {
                return false;
            }
            toServer.write(line);
            if (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n') {
                toServer.flush();
                return true;
            }
        }
    }

    private static String verb(byte[] line) {
        String text = new String(line, StandardCharsets.US_ASCII).strip();
        int space = text.indexOf(' ');
        return (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    /** A whole answer of the server, every line of a multi-line one ({@code 250-...} up to {@code 250 ...}). */
    private static byte[] reply(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        while (true) {
            byte[] line = line(in);
            if (line == null) {
                throw new IOException("the SMTP server closed the connection");
            }
            answer.write(line);
            if (line.length < 4 || line[3] != '-') {
                return answer.toByteArray();
            }
        }
    }

    /** One line with its CRLF, or null at the end of the stream. */
    private static byte[] line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next < 0) {
                return line.size() == 0 ? null : line.toByteArray();
            }
            line.write(next);
            if (previous == '\r' && next == '\n') {
                return line.toByteArray();
            }
            previous = next;
        }
    }
}
