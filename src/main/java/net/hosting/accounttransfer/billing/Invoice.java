package net.hosting.accounttransfer.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;

/** An invoice or credit note: numbered, issued once, and never changed afterwards. */
@Entity
public class Invoice {

    /** The two kinds of billing document. */
    public enum Kind { INVOICE, CREDIT_NOTE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String number;
    private int year;
    private int sequence;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    @Column(name = "profile_id")
    private Long profileId;

    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "account_name")
    private String accountName;

    @Column(name = "subscription_id")
    private Long subscriptionId;

    @Column(name = "period_start")
    private LocalDate periodStart;

    @Column(name = "period_end")
    private LocalDate periodEnd;

    /** The total, net + VAT (PRODUCT.md V1); named so since before VAT existed. */
    private BigDecimal amount;
    private String currency;
    private BigDecimal net;

    /** Percent, at scale 2: 20.00 for 20%. */
    @Column(name = "vat_rate")
    private BigDecimal vatRate;

    private BigDecimal vat;

    @Enumerated(EnumType.STRING)
    @Column(name = "vat_treatment")
    private VatTreatment vatTreatment;

    @Column(name = "issued_at")
    private Instant issuedAt;

    @Column(name = "billed_name")
    private String billedName;

    @Column(name = "billed_company")
    private String billedCompany;

    @Column(name = "billed_address")
    private String billedAddress;

    @Column(name = "billed_email")
    private String billedEmail;

    @Column(name = "billed_country")
    private String billedCountry;

    @Column(name = "billed_vat_number")
    private String billedVatNumber;

    @Column(name = "billed_language")
    private String billedLanguage;

    @Column(name = "seller_name")
    private String sellerName;

    @Column(name = "seller_legal_form")
    private String sellerLegalForm;

    @Column(name = "seller_share_capital")
    private String sellerShareCapital;

    @Column(name = "seller_address")
    private String sellerAddress;

    @Column(name = "seller_country")
    private String sellerCountry;

    @Column(name = "seller_siren")
    private String sellerSiren;

    @Column(name = "seller_rcs")
    private String sellerRcs;

    @Column(name = "seller_vat_number")
    private String sellerVatNumber;

    @Column(name = "credited_invoice_id")
    private Long creditedInvoiceId;

    @Column(name = "refunded_at")
    private Instant refundedAt;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    protected Invoice() {
    }

    Invoice(DocumentNumber number, Kind kind, Long profileId, BillingIdentity billedTo,
            BillingProperties.Seller seller, Subscription subscription, String accountName, BillingPeriod period,
            TaxedAmount amounts, Instant issuedAt, Long creditedInvoiceId, Instant refundedAt, String idempotencyKey) {
        if (!amounts.net().isPositive()) {
            throw new IllegalArgumentException("a document is never issued for a net of " + amounts.net());
        }
        // only a credit note against a document issued before VAT keeps NONE, as it credits at that document's terms (V4)
        if (amounts.treatment() == VatTreatment.NONE && creditedInvoiceId == null) {
            throw new IllegalArgumentException("every invoice issued now has a VAT treatment; NONE is for old ones");
        }
        if (billedTo.country() == null && amounts.treatment() != VatTreatment.NONE) {
            throw new IllegalArgumentException("a document issued now names its buyer's country");
        }
        this.number = number.formatted();
        this.year = number.year();
        this.sequence = number.sequence();
        this.kind = kind;
        this.profileId = profileId;
        this.accountId = subscription.accountId();
        this.accountName = accountName;
        this.subscriptionId = subscription.id();
        this.periodStart = period.start();
        this.periodEnd = period.end();
        this.amount = amounts.total().amount();
        this.currency = amounts.net().currency().getCurrencyCode();
        this.net = amounts.net().amount();
        this.vatRate = amounts.vatRate();
        this.vat = amounts.vat().amount();
        this.vatTreatment = amounts.treatment();
        this.issuedAt = issuedAt;
        this.billedName = billedTo.name();
        this.billedCompany = billedTo.company();
        this.billedAddress = billedTo.address();
        this.billedEmail = billedTo.email();
        // the schema ties the two: a buyer's country is known exactly on documents that carry a VAT treatment
        this.billedCountry = amounts.treatment() == VatTreatment.NONE ? null : billedTo.country();
        this.billedVatNumber = billedTo.vatNumber();
        this.billedLanguage = billedTo.language();
        this.sellerName = seller.name();
        this.sellerLegalForm = seller.legalForm();
        this.sellerShareCapital = seller.shareCapital();
        this.sellerAddress = seller.address();
        this.sellerCountry = seller.country();
        this.sellerSiren = seller.siren();
        this.sellerRcs = seller.rcs();
        this.sellerVatNumber = seller.vatNumber();
        this.creditedInvoiceId = creditedInvoiceId;
        this.refundedAt = refundedAt;
        this.idempotencyKey = idempotencyKey;
    }

    public Long id() {
        return id;
    }

    public String number() {
        return number;
    }

    public Kind kind() {
        return kind;
    }

    public Long profileId() {
        return profileId;
    }

    public Long accountId() {
        return accountId;
    }

    public String accountName() {
        return accountName;
    }

    public Long subscriptionId() {
        return subscriptionId;
    }

    public BillingPeriod servicePeriod() {
        return new BillingPeriod(periodStart, periodEnd);
    }

    /** The total the buyer pays or gets back, net + VAT (PRODUCT.md V1). */
    public Money amount() {
        return new Money(amount, Currency.getInstance(currency));
    }

    /** The amount before tax. */
    public Money net() {
        return new Money(net, Currency.getInstance(currency));
    }

    /** The VAT rate in percent, at scale 2 ("20.00" for 20%). */
    public BigDecimal vatRate() {
        return vatRate;
    }

    public Money vat() {
        return new Money(vat, Currency.getInstance(currency));
    }

    public VatTreatment vatTreatment() {
        return vatTreatment;
    }

    /** Net, rate, VAT and treatment together; a credit note against this invoice uses its rate and treatment (V4). */
    public TaxedAmount amounts() {
        return new TaxedAmount(net(), vatRate, vat(), vatTreatment);
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public BillingIdentity billedTo() {
        return new BillingIdentity(billedName, billedCompany, billedAddress, billedEmail, billedCountry, billedVatNumber,
                billedLanguage);
    }

    /** The seller as it was at issue (PRODUCT.md D4), or empty for a document issued before sellers were kept. */
    public Optional<BillingProperties.Seller> seller() {
        return sellerName == null ? Optional.empty()
                : Optional.of(new BillingProperties.Seller(sellerName, sellerLegalForm, sellerShareCapital,
                        sellerAddress, sellerCountry, sellerSiren, sellerRcs, sellerVatNumber));
    }

    public Long creditedInvoiceId() {
        return creditedInvoiceId;
    }

    public Instant refundedAt() {
        return refundedAt;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }
}
