package net.hosting.accounttransfer.web;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the next page tells after a redirect: message keys and their arguments, not text, so the notice reads in
 * the language of the page that shows it (which changes when the profile's language just did).
 */
public final class Notices {

    private Notices() {
    }

    /** Something went as asked; the layout shows it as a status message. */
    public static void notice(RedirectAttributes redirect, String key, String... args) {
        redirect.addFlashAttribute("notice", key);
        redirect.addFlashAttribute("noticeArgs", args);
    }

    /** Something could not be done; the layout shows it as an alert. */
    public static void problem(RedirectAttributes redirect, String key, String... args) {
        redirect.addFlashAttribute("problem", key);
        redirect.addFlashAttribute("problemArgs", args);
    }
}
