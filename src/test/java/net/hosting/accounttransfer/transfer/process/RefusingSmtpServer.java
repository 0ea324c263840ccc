package net.hosting.accounttransfer.transfer.process;

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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal SMTP server that takes every mail except those to one address, which it refuses with 550: a mail
 * outage that hits one party of a step and not the other. It records the recipients of the mails it took.
 */
final class RefusingSmtpServer implements AutoCloseable {

    private final String refused;
    private final ServerSocket socket;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    RefusingSmtpServer(int port, String refusedAddress) throws IOException {
        this.refused = refusedAddress.toLowerCase(Locale.ROOT);
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        this.acceptor = new Thread(this::serve, "refusing-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The recipient of each mail taken, in order. */
    List<String> delivered() {
        return List.copyOf(delivered);
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
        reply(out, "220 refusing-smtp ready");
        List<String> recipients = new java.util.ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.toUpperCase(Locale.ROOT);
            if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                reply(out, "250 refusing-smtp");
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
