package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import net.hosting.accounttransfer.profile.ProfileRefusal;
import net.hosting.accounttransfer.common.InputRefusal;
import net.hosting.accounttransfer.common.ReasonCode;
import org.junit.jupiter.api.Test;

/** Each feature names its own rules, and the codes clients read stay those published before the split. */
class ReasonCodeTests {

    private static final List<ReasonCode> ALL = Stream.<ReasonCode[]>of(InputRefusal.values(),
            ProfileRefusal.values(), TransferRefusal.values()).flatMap(Arrays::stream).toList();

    @Test
    void theCodesClientsReadAreTheOnesTheApiPublished() {
        assertThat(ALL).extracting(ReasonCode::code).containsExactlyInAnyOrder("REQUIRED", "CONTROL_CHARACTER",
                "TOO_LONG", "EMAIL_INVALID", "OWN_EMAIL", "SUBSCRIPTION_NOT_ACTIVE", "CURRENT_PASSWORD_WRONG",
                "PASSWORD_TOO_SHORT", "PASSWORD_TOO_LONG", "COUNTRY_INVALID", "VAT_NUMBER_INVALID",
                "LOCALE_UNSUPPORTED", "IDEMPOTENCY_KEY_INVALID", "PAGE_INVALID", "TOO_MANY_TOKENS");
    }

    @Test
    void everyCodeHasAPageTextInBothLanguages() throws IOException {
        for (String file : List.of("i18n/pages.properties", "i18n/pages_fr.properties")) {
            Properties texts = new Properties();
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
                texts.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(ALL).as(file).allSatisfy(reason -> assertThat(texts).containsKey("rule." + reason.code()));
        }
    }
}
