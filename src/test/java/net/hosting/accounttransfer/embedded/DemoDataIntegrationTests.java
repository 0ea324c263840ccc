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
