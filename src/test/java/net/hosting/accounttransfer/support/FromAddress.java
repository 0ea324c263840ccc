package net.hosting.accounttransfer.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP from a chosen loopback address (127.0.0.2, 127.0.0.3, ...), so tests act as clients on different
 * addresses without trusting any forwarded-for header: the server sees them in getRemoteAddr() as it would in
 * production. Speaks plain HTTP/1.0, one request per connection.
 */
public final class FromAddress {

    private final String address;
    private final int port;

    public FromAddress(String address, int port) {
        this.address = address;
        this.port = port;
    }

    /** An answer; header names are lower case, with every value of a repeated header. */
    public record Reply(int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    /** A browser's page session: its cookies and the CSRF token its forms carry. */
    public record Session(String cookies, String csrf) {

        /** The form fields of a post from this session, {@code _csrf} first. */
        public String form(String fields) {
            return "_csrf=" + encode(csrf) + (fields.isEmpty() ? "" : "&" + fields);
        }
    }

    /** Opens {@code path} as a browser would, keeping the session cookie and CSRF token it is given. */
    public Session visit(String path, Session session) {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Accept", "text/html", "Accept-Language", "en"));
        if (session != null) {
            headers.put("Cookie", session.cookies());
        }
        Reply page = send("GET", path, headers, null);
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        String cookies = cookies(page);
        return new Session(cookies.isEmpty() && session != null ? session.cookies() : cookies,
                csrf.find() ? csrf.group(1) : session == null ? "" : session.csrf());
    }

    /** Posts the sign-in form as a browser does, from the session and CSRF token of the form it was shown. */
    public Reply postSignIn(String email, String password) {
        Session form = visit("/login", null);
        return send("POST", "/login", Map.of("Cookie", form.cookies(), "Accept-Language", "en", "Accept", "text/html",
                "Content-Type", "application/x-www-form-urlencoded"),
                form.form("username=" + encode(email) + "&password=" + encode(password)));
    }

    /** A signed-in page session. */
    public Session signIn(String email, String password) {
        Reply signedIn = postSignIn(email, password);
        if (signedIn.status() != 302 || signedIn.header("Location").contains("error")) {
            throw new IllegalStateException("sign-in of " + email + " failed: " + signedIn.status());
        }
        return visit("/", new Session(cookies(signedIn), ""));
    }

    /** The cookies a reply sets, as a Cookie header sends them back. */
    public static String cookies(Reply reply) {
        return String.join("; ", reply.all("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).toList());
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public Reply send(String method, String path, Map<String, String> headers, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.0\r\n")
                .append("Host: localhost:").append(port).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (body != null || !method.equals("GET")) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    name -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
        }
        return new Reply(status, headers, text.substring(end + 4));
    }
}
