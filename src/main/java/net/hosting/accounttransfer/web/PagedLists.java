package net.hosting.accounttransfer.web;

import java.util.ArrayList;
import java.util.List;
import net.hosting.accounttransfer.infrastructure.Paging;
import org.springframework.data.domain.Slice;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The lists of one customer page, each paged on its own by the query parameter named like its section
 * ({@code /history?invoices=1#invoices}); a link to another page of one list keeps the others where they are.
 */
public final class PagedLists {

    /** The links under one list, each null when there is no such page. */
    public record Pager(String previous, String next, int page) {
    }

    private final String path;
    private final Integer size;
    private final List<Paging> lists = new ArrayList<>();

    private PagedLists(String path, Integer size) {
        this.path = path;
        this.size = size;
    }

    /** The page at {@code path}, whose lists share one {@code ?size=} (null: the default). */
    public static PagedLists on(String path, Integer size) {
        return new PagedLists(path, size);
    }

    /** Adds the section's list at the page its parameter asks for (null: the first, the newest). */
    public PagedLists with(String section, Integer page) {
        lists.add(Paging.of(section, page, size));
        return this;
    }

    public Paging list(String section) {
        return lists.stream().filter(list -> list.parameter().equals(section)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no list " + section + " on " + path));
    }

    /** Puts the list in the model under its section's name, and its links under the name and {@code Pager}. */
    public void addTo(Model model, String section, Slice<?> slice) {
        model.addAttribute(section, slice);
        model.addAttribute(section + "Pager", pager(section, slice));
    }

    public Pager pager(String section, Slice<?> slice) {
        Paging list = list(section);
        return new Pager(list.page() > 0 ? href(list, list.page() - 1) : null,
                slice.hasNext() ? href(list, list.page() + 1) : null, list.page());
    }

    private String href(Paging target, int to) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
        for (Paging list : lists) {
            int page = list == target ? to : list.page();
            if (page > 0) {
                link.queryParam(list.parameter(), page);
            }
        }
        if (size != null) {
            link.queryParam(Paging.SIZE, size);
        }
        return link.fragment(target.parameter()).build().toUriString();
    }
}
