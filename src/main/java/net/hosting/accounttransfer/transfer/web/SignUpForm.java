package net.hosting.accounttransfer.transfer.web;

import net.hosting.accounttransfer.profile.web.IdentityFields;

/** A profile created from an emailed transfer link: the email is the transfer's, the rest the person chooses. */
class SignUpForm extends IdentityFields {

    private String transfer;
    private String token;
    private String password;
    private String passwordConfirmation;

    public String getTransfer() {
        return transfer;
    }

    public void setTransfer(String transfer) {
        this.transfer = transfer;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getPasswordConfirmation() {
        return passwordConfirmation;
    }

    public void setPasswordConfirmation(String passwordConfirmation) {
        this.passwordConfirmation = passwordConfirmation;
    }
}
