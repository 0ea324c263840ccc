package net.hosting.accounttransfer.transfer;

import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.profile.Profile;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link TransferIntegrationSupport} with the parties most transfer tests need, fresh for each test: Alice, who
 * offers her account; Bob, to whom she offers it; and her account, on a paid €9.99 month that began on 2028-02-19.
 */
abstract class AliceAndBobSupport extends TransferIntegrationSupport {

    protected Profile alice;
    protected Profile bob;
    protected Account account;

    @BeforeEach
    void aliceBobAndHerAccount() {
        alice = fixtures.customer("Alice", Profile.Language.EN);
        bob = fixtures.customer("Bob", Profile.Language.EN);
        account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
    }
}
