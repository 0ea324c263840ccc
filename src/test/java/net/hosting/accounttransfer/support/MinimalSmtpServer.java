package net.hosting.accounttransfer.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server on one thread, one connection after the other, for the relay failures GreenMail does not
 * play: refusing one address with 550 (a mail outage that hits one party of a step and not the other), or stopping to
 * read once a message begins (a stuck relay). It records the recipients of the mails it took.
 */
public final class MinimalSmtpServer implements AutoCloseable {

    private final String refused;
    private final boolean stallAtData;
    private final ServerSocket socket;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger stalled = new AtomicInteger();
    private final Thread acceptor;

    private MinimalSmtpServer(int port, String refusedAddress, boolean stallAtData) throws IOException {
        this.refused = refusedAddress == null ? null : refusedAddress.toLowerCase(Locale.ROOT);
        this.stallAtData = stallAtData;
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        this.acceptor = new Thread(this::serve, "minimal-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Takes every mail, on a free port. */
    public static MinimalSmtpServer taking() throws IOException {
        return new MinimalSmtpServer(0, null, false);
    }

    /** Takes every mail except those to one address, which it refuses with 550. */
    public static MinimalSmtpServer refusing(int port, String refusedAddress) throws IOException {
        return new MinimalSmtpServer(port, refusedAddress, false);
    }

    /** Answers up to DATA, then reads nothing more, on a free port: the client's writes block once the buffers fill. */
    public static MinimalSmtpServer stallingAtData() throws IOException {
        return new MinimalSmtpServer(0, null, true);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The recipient of each mail taken, in order. */
    public List<String> delivered() {
        return List.copyOf(delivered);
    }

    /** Connections that reached DATA on a stalling server. */
    public int stalled() {
        return stalled.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                converse(client);
            } catch (IOException e) {
                // closed, or the client went away: wait for the next one
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
        reply(out, "220 minimal-smtp ready");
        List<String> recipients = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.toUpperCase(Locale.ROOT);
            if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                reply(out, "250 minimal-smtp");
            } else if (command.startsWith("MAIL FROM")) {
                recipients.clear();
                reply(out, "250 OK");
            } else if (command.startsWith("RCPT TO")) {
                String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase(Locale.ROOT);
                if (address.equals(refused)) {
                    reply(out, "550 mailbox unavailable");
                } else {
                    recipients.add(address);
                    reply(out, "250 OK");
                }
            } else if (command.equals("DATA")) {
                reply(out, "354 end with <CRLF>.<CRLF>");
                if (stallAtData) {
                    stall();
                    return;
                }
                while ((line = in.readLine()) != null && !line.equals(".")) {
                    // the message itself does not matter here
                }
                delivered.addAll(recipients);
                reply(out, "250 OK");
            } else if (command.startsWith("QUIT")) {
                reply(out, "221 bye");
                return;
            } else {
                reply(out, "250 OK");
            }
        }
    }

    /** Holds the connection, reading nothing, until the server closes. */
    private void stall() {
        stalled.incrementAndGet();
        while (!socket.isClosed()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
