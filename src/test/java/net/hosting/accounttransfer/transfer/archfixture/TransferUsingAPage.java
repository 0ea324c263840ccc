package net.hosting.accounttransfer.transfer.archfixture;

import net.hosting.accounttransfer.web.Notices;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Transfer code reaching up into the pages: ArchitectureTests must report it. */
class TransferUsingAPage {

    void tellThePage(RedirectAttributes redirect) {
        Notices.notice(redirect, "transfers.startedOne");
    }
}
