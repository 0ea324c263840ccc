package net.hosting.accounttransfer.transfer.web;

import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileService;
import net.hosting.accounttransfer.transfer.Transfer;
import net.hosting.accounttransfer.transfer.TransferBilling;
import org.springframework.stereotype.Component;

/** Turns transfers into what their pages show, joining the sender's profile and the billing preview. */
@Component
class TransferViews {

    private final ProfileService profiles;
    private final TransferBilling billing;

    TransferViews(ProfileService profiles, TransferBilling billing) {
        this.profiles = profiles;
        this.billing = billing;
    }

    /** @param reader the recipient, or the holder of its accept link, reads its own VAT; anyone else the seller's */
    TransferView of(Transfer transfer, TransferBilling.Reader reader) {
        Profile sender = profiles.get(transfer.senderId());
        return TransferView.of(transfer, sender.name(), sender.email(), billing.preview(transfer, reader).orElse(null));
    }
}
