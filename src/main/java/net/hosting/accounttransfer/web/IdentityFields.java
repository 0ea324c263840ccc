package net.hosting.accounttransfer.web;

/** Name, company, postal address and language: the billing identity a customer types on sign-up and in the profile. */
abstract class IdentityFields {

    private String name;
    private String company;
    private String address;
    private String locale;

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

    public String getLocale() {
        return locale;
    }

    public void setLocale(String locale) {
        this.locale = locale;
    }
}
