package net.hosting.accounttransfer.infrastructure;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import net.hosting.accounttransfer.common.RuleViolationException;

/**
 * One page of a list that is newest first: {@code ?page=0&size=50}, at most {@value #MAX_SIZE} a page, so no list
 * a customer asks for is ever read whole. {@code parameter} is the query parameter that holds the page number:
 * {@code page} in the API, one per list on a page that shows several.
 */
public record Paging(String parameter, int page, int size) {

    public static final String PAGE = "page";
    public static final String SIZE = "size";
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public Paging {
        if (page < 0) {
            throw new RuleViolationException(net.hosting.accounttransfer.common.InputRefusal.PAGE_INVALID, parameter, parameter + " counts from 0 (the newest); " + page
                    + " is not a page.");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new RuleViolationException(net.hosting.accounttransfer.common.InputRefusal.PAGE_INVALID, SIZE, SIZE + " must be between 1 and " + MAX_SIZE + "; " + size
                    + " is not.");
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new RuleViolationException(net.hosting.accounttransfer.common.InputRefusal.PAGE_INVALID, parameter, parameter + " " + page + " with size " + size
                    + " lies beyond any list.");
        }
    }

    /** The API's {@code ?page=&size=}; a parameter left out takes its default. */
    public static Paging of(Integer page, Integer size) {
        return of(PAGE, page, size);
    }

    public static Paging of(String parameter, Integer page, Integer size) {
        return new Paging(parameter, page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    /** The query's window: {@code size} rows after skipping the newer pages; a {@link Slice} reads one more to know if a next page exists. */
    public Pageable pageable() {
        return PageRequest.of(page, size);
    }

    /** The list as the body, with {@code Link: <…?page=N+1&size=S>; rel="next"} when a next page exists. */
    public <T> ResponseEntity<List<T>> answer(Slice<T> slice, HttpServletRequest request) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (slice.hasNext()) {
            ok.header(HttpHeaders.LINK, "<" + linkTo(request, page + 1) + ">; rel=\"next\"");
        }
        return ok.body(slice.getContent());
    }

    /**
     * The address of page {@code to} of this list: the request's own path and query parameters with this list's
     * page and the size set, relative to the host, so a forged {@code Host} header never ends up in it. Every
     * name and value is percent-encoded again from its decoded form, so nothing the client sent can break out of
     * the link.
     */
    public String linkTo(HttpServletRequest request, int to) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(request.getRequestURI());
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals(parameter) && !name.equals(SIZE)) {
                for (String value : values) {
                    link.queryParam(encode(name), encode(value));
                }
            }
        });
        return link.queryParam(encode(parameter), to).queryParam(SIZE, size).build(true).toUriString();
    }

    private static String encode(String text) {
        // '+' may stand in a query, but a server reads it as a space
        return UriUtils.encodeQueryParam(text, StandardCharsets.UTF_8).replace("+", "%2B");
    }
}
