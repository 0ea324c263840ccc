package net.hosting.accounttransfer.profile.web;

/**
 * Name, company, postal address, country, VAT number and language: the billing identity a customer types on sign-up
 * and in the profile. The profile service alone checks them, every field at once.
 */
public abstract class IdentityFields {

    private String name;
    private String company;
    private String address;
    private String locale;
    private String country;
    private String vatNumber;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getCompany() {
        return company;
    }

    public void setCompany(String company) {
        this.company = company;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = country;
    }

    public String getVatNumber() {
        return vatNumber;
    }

    public void setVatNumber(String vatNumber) {
        this.vatNumber = vatNumber;
    }

    /** The countries a customer can pick, by ISO code, named in the reader's language and sorted by that name. */
    public java.util.List<java.util.Map.Entry<String, String>> countries(java.util.Locale reader) {
        java.text.Collator order = java.text.Collator.getInstance(reader);
        return java.util.Arrays.stream(java.util.Locale.getISOCountries())
                .map(code -> java.util.Map.entry(code, new java.util.Locale("", code).getDisplayCountry(reader)))
                .sorted(java.util.Map.Entry.comparingByValue(order))
                .toList();
    }

    public String getLocale() {
        return locale;
    }

    public void setLocale(String locale) {
        this.locale = locale;
    }
}
