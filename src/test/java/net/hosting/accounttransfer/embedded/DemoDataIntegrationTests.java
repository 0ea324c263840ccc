package net.hosting.accounttransfer.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The demo customers of PRODUCT.md, exactly, and never twice. */
class DemoDataIntegrationTests extends IntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void demoDataMatchesTheSpecificationAndARestartAddsNothing() throws Exception {
        DemoData demo = context.getAutowireCapableBeanFactory().createBean(DemoData.class);
        demo.run(new DefaultApplicationArguments());
        int profiles = count("profile");
        int accounts = count("account");
        int invoices = count("invoice");
        demo.run(new DefaultApplicationArguments());
        assertThat(count("profile")).isEqualTo(profiles);
        assertThat(count("account")).isEqualTo(accounts);
        assertThat(count("invoice")).isEqualTo(invoices);

        Api alice = api.as("alice@example.com", "demo");
        var aliceAccounts = alice.get("/api/accounts").json();
        assertThat(aliceAccounts).hasSize(2);
        assertThat(aliceAccounts.findValuesAsText("name")).containsExactly("alice-shop", "alice-site");
        var shop = aliceAccounts.get(0).get("subscription");
        assertThat(shop.get("period").asText()).isEqualTo("YEARLY");
        assertThat(shop.get("plan").asText()).as("a product name; its period is a fact of its own").isEqualTo("Cloud M");
        assertThat(shop.get("price").get("amount").asText()).isEqualTo("119.88");
        var site = aliceAccounts.get(1).get("subscription");
        assertThat(site.get("period").asText()).isEqualTo("MONTHLY");
        assertThat(site.get("price").get("amount").asText()).isEqualTo("9.99");
        assertThat(alice.get("/api/profile").json().get("locale").asText()).isEqualTo("fr");

        Api bob = api.as("bob@example.com", "demo");
        assertThat(bob.get("/api/accounts").json().findValuesAsText("name")).containsExactly("bob-blog");
        assertThat(bob.get("/api/profile").json().get("locale").asText()).isEqualTo("en");
        assertThat(api.as("carol@example.com", "demo").get("/api/accounts").json()).isEmpty();

        // V2 on the demo's invoices: Alice in France pays French VAT, Bob's Belgian company reverse-charges
        var aliceProfile = alice.get("/api/profile").json();
        assertThat(aliceProfile.get("country").asText()).isEqualTo("FR");
        assertThat(aliceProfile.get("company").asText()).isEqualTo("Martin Conseil SARL");
        assertThat(aliceProfile.get("vatNumber").isNull()).isTrue();
        var aliceInvoices = alice.get("/api/invoices").json();
        assertThat(aliceInvoices.findValuesAsText("vatTreatment")).containsOnly("DOMESTIC");
        // 9.99 × 20% = 1.998 → 2.00; 119.88 × 20% = 23.976 → 23.98
        assertThat(aliceInvoices.findValues("total")).extracting(total -> total.get("amount").asText())
                .containsExactlyInAnyOrder("11.99", "143.86");
        var bobProfile = bob.get("/api/profile").json();
        assertThat(bobProfile.get("country").asText()).isEqualTo("BE");
        assertThat(bobProfile.get("vatNumber").asText()).isEqualTo("BE0123456749");
        var bobInvoice = bob.get("/api/invoices").json().get(0);
        assertThat(bobInvoice.get("vatTreatment").asText()).isEqualTo("REVERSE_CHARGE");
        assertThat(bobInvoice.at("/total/amount").asText()).isEqualTo("4.99");
        assertThat(bobInvoice.at("/billedTo/vatNumber").asText()).isEqualTo("BE0123456749");
        var carolProfile = api.as("carol@example.com", "demo").get("/api/profile").json();
        assertThat(carolProfile.get("country").asText()).isEqualTo("DE");
        assertThat(carolProfile.get("company").isNull()).isTrue();

        // every current period has its paid invoice
        assertThat(jdbc.queryForObject("""
                select count(*) from subscription s join account a on a.id = s.account_id
                where a.name in ('alice-site', 'alice-shop', 'bob-blog') and s.status = 'ACTIVE'
                  and exists (select 1 from invoice i where i.subscription_id = s.id and i.kind = 'INVOICE'
                              and i.period_start = s.current_period_start and i.period_end = s.current_period_end)""",
                Integer.class)).isEqualTo(3);
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }
}
