package net.hosting.accounttransfer.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class VatNumberTests {

    @Test
    void acceptsTheDemoSellersFrenchNumber() {
        // SIREN 123456782 passes Luhn; 123456782 mod 97 = 32, (12 + 3 × 32) mod 97 = 108 mod 97 = 11
        assertThat(VatNumber.of("FR11123456782", "FR").value()).isEqualTo("FR11123456782");
    }

    @Test
    void writesANumberInCapitalsWithoutSpaces() {
        assertThat(VatNumber.of(" fr 11 123 456 782 ", "fr").value()).isEqualTo("FR11123456782");
        assertThat(VatNumber.of("be 0123.456.749", "BE").value()).isEqualTo("BE0123456749");
    }

    @Test
    void refusesAFrenchNumberWithTheWrongKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> VatNumber.of("FR12123456782", "FR"))
                .withMessageContaining("key");
    }

    @Test
    void refusesAFrenchNumberWhoseSirenFailsLuhnEvenWithTheKeyItsDigitsGive() {
        // 123456789 fails Luhn; 123456789 mod 97 = 39, (12 + 3 × 39) mod 97 = 129 mod 97 = 32: the key itself is right
        assertThatIllegalArgumentException().isThrownBy(() -> VatNumber.of("FR32123456789", "FR"))
                .withMessageContaining("SIREN");
    }

    @Test
    void acceptsBobsBelgianNumber() {
        // 01234567 mod 97 = 48, 97 − 48 = 49
        assertThat(VatNumber.of("BE0123456749", "BE").country()).isEqualTo("BE");
    }

    @Test
    void refusesABelgianNumberWithTheWrongCheck() {
        assertThatIllegalArgumentException().isThrownBy(() -> VatNumber.of("BE0123456748", "BE"))
                .withMessageContaining("check digits");
    }

    @Test
    void refusesANumberWhosePrefixIsNotTheProfilesCountry() {
        assertThatIllegalArgumentException().isThrownBy(() -> VatNumber.of("BE0123456749", "FR"))
                .withMessageContaining("starts with FR");
    }

    @Test
    void writesGreeceAsElInAVatNumber() {
        assertThat(VatNumber.of("EL123456789", "GR").value()).isEqualTo("EL123456789");
        assertThatIllegalArgumentException().isThrownBy(() -> VatNumber.of("GR123456789", "GR"))
                .withMessageContaining("starts with EL");
    }

    @Test
    void checksTheFormatOfOtherMemberStates() {
        assertThat(VatNumber.of("DE123456789", "DE").value()).isEqualTo("DE123456789");
        assertThat(VatNumber.of("ATU12345678", "AT").value()).isEqualTo("ATU12345678");
        assertThat(VatNumber.of("NL123456789B01", "NL").value()).isEqualTo("NL123456789B01");
        assertThatIllegalArgumentException().isThrownBy(() -> VatNumber.of("DE12345678", "DE"));
        assertThatIllegalArgumentException().isThrownBy(() -> VatNumber.of("AT12345678", "AT"));
        assertThatIllegalArgumentException().isThrownBy(() -> VatNumber.of("NL123456789001", "NL"));
    }

    @Test
    void refusesACountryThatIsNotAnIsoCode() {
        assertThatIllegalArgumentException().isThrownBy(() -> VatNumber.of("XX123456789", "XX"))
                .withMessageContaining("ISO 3166-1");
        assertThatIllegalArgumentException().isThrownBy(() -> VatNumber.requireCountry("France"));
        assertThat(VatNumber.requireCountry(" ch ")).isEqualTo("CH");
    }
}
