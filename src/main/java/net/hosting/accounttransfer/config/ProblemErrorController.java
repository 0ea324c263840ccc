package net.hosting.accounttransfer.config;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import net.hosting.accounttransfer.infrastructure.DatabaseOutage;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.UriUtils;

/**
 * Errors that never reached a controller: problem+json for programs, a plain page for browsers, no stack trace.
 * Under the API prefixes the answer is problem+json whatever the client accepts (S6), since a program's error
 * must never turn into a page because it sent a browser's Accept header.
 */
@Controller
class ProblemErrorController implements ErrorController {

    /** Where programs, not people, are the clients: ours, Camunda's REST API and its web apps' XHR, operations. */
    private static final String[] API_PREFIXES = {"/api/", "/engine-rest/", "/camunda/api/", "/actuator/"};

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    Object page(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (isApi(routedPath(request))) {
            return problem(request, response);
        }
        HttpStatus status = statusOf(request);
        model.addAttribute("status", status.value());
        model.addAttribute("reason", status.getReasonPhrase());
        return "error";
    }

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = statusOf(request);
        String detail = switch (status) {
            case NOT_FOUND -> "There is nothing at this address.";
            case METHOD_NOT_ALLOWED -> "This address does not accept " + request.getMethod() + "."
                    + allowed(response);
            case UNSUPPORTED_MEDIA_TYPE -> "Send the request body as application/json.";
            case NOT_ACCEPTABLE -> "This address cannot answer in any media type the Accept header lists; "
                    + "the API answers application/json.";
            case PAYLOAD_TOO_LARGE -> "The request body is over the limit of " + ApiBodyLimitFilter.LIMIT_BYTES
                    + " bytes; nothing was read or changed.";
            case TOO_MANY_REQUESTS -> "Too many failed attempts; try again in "
                    + response.getHeader(HttpHeaders.RETRY_AFTER) + " seconds (see Retry-After).";
            case UNAUTHORIZED -> "Sign in first.";
            case FORBIDDEN -> "You may not do this.";
            case BAD_REQUEST -> "The request is malformed.";
            case SERVICE_UNAVAILABLE -> DatabaseOutage.DETAIL;
            default -> status.is5xxServerError()
                    ? "Something went wrong on our side; please try again later."
                    : status.getReasonPhrase();
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        String path = requestedPath(request);
        if (path != null) {
            problem.setInstance(URI.create(path));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static boolean isApi(String path) {
        if (path == null) {
            return false;
        }
        for (String prefix : API_PREFIXES) {
            if (path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The requested path as Spring routes it, decoded and with doubled slashes folded (S7), so that
     * {@code /%61pi/nothing} is answered as the API, like {@code /api/nothing}.
     */
    private static String routedPath(HttpServletRequest request) {
        String path = requestedPath(request);
        try {
            return path == null ? null : UriUtils.decode(path, StandardCharsets.UTF_8).replaceAll("/{2,}", "/");
        } catch (IllegalArgumentException malformed) {
            return path;
        }
    }

    /** The address the client asked for, not the internal /error it was forwarded to. */
    private static String requestedPath(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri ? uri : null;
    }

    private static String allowed(HttpServletResponse response) {
        String allow = response.getHeader(HttpHeaders.ALLOW);
        return allow == null || allow.isBlank() ? "" : " It accepts: " + allow + ".";
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
