package net.hosting.accounttransfer.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import net.hosting.accounttransfer.billing.BillingIdentity;

/** A customer: the person or company that signs in, owns accounts and is billed. */
@Entity
public class Profile {

    /** The width of {@code name} and {@code company}, and of the invoice snapshot's columns for them. */
    public static final int MAX_NAME_LENGTH = 200;
    /** The width of {@code address}, and of the invoice snapshot's {@code billed_address}. */
    public static final int MAX_ADDRESS_LENGTH = 500;
    /** The shortest password a profile may choose. */
    public static final int MIN_PASSWORD_LENGTH = 8;
    /** BCrypt reads only 72 bytes, and Spring Security refuses more rather than silently ignoring the rest. */
    public static final int MAX_PASSWORD_BYTES = 72;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String email;

    @Column(name = "password_hash")
    private String passwordHash;

    private String name;
    private String company;
    private String address;
    private String locale;
    private String currency;
    private String country;

    @Column(name = "vat_number")
    private String vatNumber;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    protected Profile() {
    }

    /** A profile in France without a VAT number. */
    public Profile(String email, String passwordHash, String name, String company, String address,
            Language locale, Instant createdAt) {
        this(email, passwordHash, name, company, address, "FR", null, locale, createdAt);
    }

    /** @param vatNumber null for a buyer without one; else it must be a number of {@code country} (V3) */
    public Profile(String email, String passwordHash, String name, String company, String address, String country,
            VatNumber vatNumber, Language locale, Instant createdAt) {
        this.email = EmailAddress.of(email).value();
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.name = requireText(name, "name");
        this.company = blankToNull(company);
        this.address = address == null ? "" : address.strip();
        this.locale = locale.tag();
        this.currency = "EUR";
        changeTaxIdentity(country, vatNumber);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public Long id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String name() {
        return name;
    }

    public String company() {
        return company;
    }

    public String address() {
        return address;
    }

    public Language locale() {
        return Language.of(locale);
    }

    /** ISO 3166-1 alpha-2 country of the billing address (PRODUCT.md V3). */
    public String country() {
        return country;
    }

    /** The VAT number, or null for a buyer without one (PRODUCT.md V3). */
    public String vatNumber() {
        return vatNumber;
    }

    public Currency currency() {
        return Currency.getInstance(currency);
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Who invoices issued now are made out to; each document keeps this snapshot (PRODUCT.md B8). */
    public BillingIdentity billingIdentity() {
        return new BillingIdentity(name, company, address, email, country, vatNumber, locale);
    }

    public boolean hasEmail(String other) {
        return EmailAddress.same(email, other);
    }

    void changeEmail(EmailAddress newEmail) {
        this.email = newEmail.value();
    }

    void changePasswordHash(String newHash) {
        this.passwordHash = Objects.requireNonNull(newHash);
    }

    void changeName(String newName) {
        this.name = requireText(newName, "name");
    }

    void changeCompany(String newCompany) {
        this.company = blankToNull(newCompany);
    }

    void changeAddress(String newAddress) {
        this.address = newAddress == null ? "" : newAddress.strip();
    }

    /**
     * The country and VAT number change together, so that a number never belongs to another country than the
     * profile's (V3); documents issued afterwards carry them (B8).
     */
    void changeTaxIdentity(String newCountry, VatNumber newVatNumber) {
        String iso = VatNumber.requireCountry(newCountry);
        if (newVatNumber != null && !newVatNumber.country().equals(iso)) {
            throw new IllegalArgumentException("VAT number " + newVatNumber + " is not a number of " + iso);
        }
        this.country = iso;
        this.vatNumber = newVatNumber == null ? null : newVatNumber.value();
    }

    void changeLocale(Language newLocale) {
        this.locale = newLocale.tag();
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The two languages the provider writes pages and mail in. */
    public enum Language {
        FR, EN;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

        public Locale toJavaLocale() {
            return Locale.forLanguageTag(tag());
        }

        public static Language of(String tag) {
            if (tag == null) {
                throw new IllegalArgumentException("locale must be fr or en");
            }
            return switch (tag.strip().toLowerCase(Locale.ROOT)) {
                case "fr" -> FR;
                case "en" -> EN;
                default -> throw new IllegalArgumentException("locale must be fr or en, not '" + tag + "'");
            };
        }
    }
}
