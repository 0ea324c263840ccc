package net.hosting.accounttransfer.history.web;

/** A new support ticket: a subject, a message, and optionally which of the profile's accounts it is about. */
class TicketForm {

    private String subject;
    private String message;
    private String account;

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getAccount() {
        return account;
    }

    public void setAccount(String account) {
        this.account = account;
    }
}
