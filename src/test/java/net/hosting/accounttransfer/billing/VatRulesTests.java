package net.hosting.accounttransfer.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VatRulesTests {

    private static Map<String, BigDecimal> rates() {
        Map<String, BigDecimal> rates = new HashMap<>();
        VatRules.MEMBER_STATES.forEach(country -> rates.put(country, new BigDecimal("21")));
        rates.put("FR", new BigDecimal("20"));
        rates.put("DE", new BigDecimal("19"));
        rates.put("FI", new BigDecimal("25.5"));
        return rates;
    }

    private final VatRules rules = new VatRules("FR", rates());

    private static BillingIdentity buyer(String company, String country, String vatNumber) {
        return new BillingIdentity("Someone", company, "", "someone@example.test", country, vatNumber, "en");
    }

    @Test
    void aBuyerInTheSellersCountryPaysItsRateBusinessOrNot() {
        assertThat(rules.taxFor(buyer(null, "FR", null))).isEqualTo(new Tax(VatTreatment.DOMESTIC, new BigDecimal("20")));
        assertThat(rules.taxFor(buyer("Martin SARL", "FR", "FR11123456782")))
                .isEqualTo(new Tax(VatTreatment.DOMESTIC, new BigDecimal("20")));
    }

    @Test
    void aBusinessInAnotherMemberStateWithAVatNumberReverseCharges() {
        assertThat(rules.taxFor(buyer("Smith SRL", "BE", "BE0123456749")))
                .isEqualTo(new Tax(VatTreatment.REVERSE_CHARGE, BigDecimal.ZERO));
    }

    @Test
    void aConsumerInAnotherMemberStatePaysItsOwnCountrysRate() {
        assertThat(rules.taxFor(buyer(null, "DE", null))).isEqualTo(new Tax(VatTreatment.EU_CONSUMER, new BigDecimal("19")));
        // a company without a VAT number is charged like a consumer: no number, no reverse charge
        assertThat(rules.taxFor(buyer("GmbH", "FI", null))).isEqualTo(new Tax(VatTreatment.EU_CONSUMER, new BigDecimal("25.5")));
    }

    @Test
    void aBuyerOutsideTheUnionPaysNoVat() {
        assertThat(rules.taxFor(buyer(null, "CH", null))).isEqualTo(new Tax(VatTreatment.OUTSIDE_EU, BigDecimal.ZERO));
        assertThat(rules.taxFor(buyer("Ltd", "GB", "GB123456789"))).isEqualTo(new Tax(VatTreatment.OUTSIDE_EU, BigDecimal.ZERO));
    }

    @Test
    void roundsTheVatOnceHalfUp() {
        // 9.99 × 20% = 1.998 → 2.00; 4.99 × 19% = 0.9481 → 0.95; 2.50 × 19% = 0.475 → 0.48; 9.99 × 25.5% = 2.54745 → 2.55
        assertThat(new Tax(VatTreatment.DOMESTIC, new BigDecimal("20")).vatOn(Money.euros("9.99"))).isEqualTo(Money.euros("2.00"));
        assertThat(new Tax(VatTreatment.EU_CONSUMER, new BigDecimal("19")).vatOn(Money.euros("4.99"))).isEqualTo(Money.euros("0.95"));
        assertThat(new Tax(VatTreatment.EU_CONSUMER, new BigDecimal("19")).vatOn(Money.euros("2.50"))).isEqualTo(Money.euros("0.48"));
        assertThat(new Tax(VatTreatment.EU_CONSUMER, new BigDecimal("25.5")).vatOn(Money.euros("9.99"))).isEqualTo(Money.euros("2.55"));
        assertThat(new Tax(VatTreatment.DOMESTIC, new BigDecimal("20")).on(Money.euros("9.99")).total()).isEqualTo(Money.euros("11.99"));
    }

    @Test
    void refusesToStartWithoutTheRateOfEveryMemberState() {
        Map<String, BigDecimal> missing = rates();
        missing.remove("HU");
        assertThatIllegalStateException().isThrownBy(() -> new VatRules("FR", missing))
                .withMessageContaining("[HU]").withMessageContaining("billing.vat.rates");
    }

    @Test
    void theShippedRatesCoverTheMemberStates() throws Exception {
        // application.yaml is the configuration the service ships with; the rates of 2026-01-01 named in PRODUCT.md
        var yaml = new org.springframework.boot.env.YamlPropertySourceLoader()
                .load("app", new org.springframework.core.io.ClassPathResource("application.yaml")).get(0);
        Map<String, BigDecimal> shipped = new HashMap<>();
        VatRules.MEMBER_STATES.forEach(country -> {
            Object rate = yaml.getProperty("billing.vat.rates." + country);
            assertThat(rate).as(country).isNotNull();
            shipped.put(country, new BigDecimal(rate.toString()));
        });
        assertThat(shipped).containsEntry("FR", new BigDecimal("20")).containsEntry("DE", new BigDecimal("19"))
                .containsEntry("BE", new BigDecimal("21")).containsEntry("IT", new BigDecimal("22"))
                .containsEntry("ES", new BigDecimal("21")).containsEntry("NL", new BigDecimal("21"))
                .containsEntry("LU", new BigDecimal("17")).containsEntry("HU", new BigDecimal("27"))
                .containsEntry("FI", new BigDecimal("25.5")).hasSize(27);
    }
}
