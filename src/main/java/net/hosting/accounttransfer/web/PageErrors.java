package net.hosting.accounttransfer.web;

import jakarta.servlet.http.HttpServletResponse;
import net.hosting.accounttransfer.common.ConflictException;
import net.hosting.accounttransfer.infrastructure.DatabaseOutage;
import net.hosting.accounttransfer.common.ForbiddenException;
import net.hosting.accounttransfer.common.NotFoundException;
import net.hosting.accounttransfer.common.RuleViolationException;
import net.hosting.accounttransfer.common.TooManyRequestsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of customer pages are pages in the reader's language, never problem+json or a stack trace; this
 * advice goes before the API's, which would otherwise answer for every controller.
 */
@ControllerAdvice(annotations = CustomerPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    /** A form field no form has, such as {@code choices[5000]} past the binder's limit: the client's mistake (S11). */
    @ExceptionHandler(InvalidPropertyException.class)
    String malformedForm(Model model, HttpServletResponse response) {
        return page(HttpStatus.BAD_REQUEST, model, response);
    }

    @ExceptionHandler({NotFoundException.class, MethodArgumentTypeMismatchException.class})
    String notFound(Exception e, Model model, HttpServletResponse response) {
        // a transfer id that is not a UUID is just another address with nothing behind it
        return page(HttpStatus.NOT_FOUND, model, response);
    }

    @ExceptionHandler
    String forbidden(ForbiddenException e, Model model, HttpServletResponse response) {
        return page(HttpStatus.FORBIDDEN, model, response);
    }

    @ExceptionHandler
    String conflict(ConflictException e, Model model, HttpServletResponse response) {
        return page(HttpStatus.CONFLICT, model, response);
    }

    @ExceptionHandler
    String ruleViolation(RuleViolationException e, Model model, HttpServletResponse response) {
        return page(HttpStatus.UNPROCESSABLE_ENTITY, model, response);
    }

    @ExceptionHandler
    String tooManyRequests(TooManyRequestsException e, Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        return page(HttpStatus.TOO_MANY_REQUESTS, model, response);
    }

    @ExceptionHandler
    String other(Exception e, Model model, HttpServletResponse response) {
        if (e instanceof ErrorResponse known) {
            HttpStatus status = HttpStatus.resolve(known.getStatusCode().value());
            return page(status == null ? HttpStatus.BAD_REQUEST : status, model, response);
        }
        if (DatabaseOutage.isCause(e)) {
            log.warn("Database out of reach on a customer page, answered 503: {}", e.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
            return page(HttpStatus.SERVICE_UNAVAILABLE, model, response);
        }
        log.error("Unexpected error on a customer page", e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, model, response);
    }

    static String page(HttpStatus status, Model model, HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("reason", status.getReasonPhrase());
        return "error";
    }
}
