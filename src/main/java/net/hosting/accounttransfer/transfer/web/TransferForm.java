package net.hosting.accounttransfer.transfer.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.hosting.accounttransfer.transfer.BillingMode;

/**
 * "Transfer to another user": one choice per owned account (whether to transfer it, and to whom), plus the
 * billing mode. It travels through the preview in hidden fields, so nothing typed is lost on the way back.
 */
class TransferForm {

    private List<Choice> choices = new ArrayList<>();
    private BillingMode billingMode;

    /** One account: whether it is chosen, its recipient, and the idempotency key that makes confirming safe twice. */
    static class Choice {

        private String account;
        private boolean selected;
        private String recipientEmail;
        private String key;

        public Choice() {
        }

        Choice(String account, boolean selected) {
            this.account = account;
            this.selected = selected;
        }

        public String getAccount() {
            return account;
        }

        public void setAccount(String account) {
            this.account = account;
        }

        public boolean isSelected() {
            return selected;
        }

        public void setSelected(boolean selected) {
            this.selected = selected;
        }

        public String getRecipientEmail() {
            return recipientEmail;
        }

        public void setRecipientEmail(String recipientEmail) {
            this.recipientEmail = recipientEmail;
        }

        public String getKey() {
            return key;
        }

        public void setKey(String key) {
            this.key = key;
        }

        String email() {
            return recipientEmail == null ? "" : recipientEmail.strip();
        }
    }

    /** A fresh form over the owned accounts, with {@code preselected} ticked (from "Transfer" on an account's row). */
    static TransferForm over(List<String> accounts, String preselected) {
        TransferForm form = new TransferForm();
        accounts.forEach(name -> form.choices.add(new Choice(name, name.equals(preselected))));
        form.alignWith(accounts);
        return form;
    }

    /**
     * Keeps what was posted for the accounts the profile owns now, in their order, and drops any other name: a
     * forged or stale row never reaches the service (which would refuse it anyway, T1).
     */
    void alignWith(List<String> accounts) {
        Map<String, Choice> posted = choices.stream().filter(c -> c.account != null)
                .collect(Collectors.toMap(c -> c.account, Function.identity(), (first, second) -> first));
        choices = new ArrayList<>(accounts.stream().map(name -> posted.getOrDefault(name, new Choice(name, false)))
                .toList());
        for (Choice choice : choices) {
            if (choice.key == null || choice.key.isBlank() || choice.key.length() > 60) {
                choice.key = "page:" + UUID.randomUUID();
            }
        }
    }

    List<Choice> selected() {
        return choices.stream().filter(Choice::isSelected).toList();
    }

    public List<Choice> getChoices() {
        return choices;
    }

    public void setChoices(List<Choice> choices) {
        this.choices = choices;
    }

    public BillingMode getBillingMode() {
        return billingMode;
    }

    public void setBillingMode(BillingMode billingMode) {
        this.billingMode = billingMode;
    }
}
