package net.hosting.accounttransfer.profile.web;

import net.hosting.accounttransfer.profile.Profile;

/** The forms of the profile page: the profile's details, its password, and a new API token. */
final class ProfileForms {

    private ProfileForms() {
    }

    /**
     * Email, name, company, postal address and language, as the seed's "Profil" menu lists them; a new email also
     * takes the current password.
     */
    static class Details extends IdentityFields {

        private String email;
        // needed only when the email changes (S1)
        private String currentPassword;

        static Details of(Profile profile) {
            Details details = new Details();
            details.email = profile.email();
            details.setName(profile.name());
            details.setCompany(profile.company());
            details.setAddress(profile.address());
            details.setLocale(profile.locale().tag());
            details.setCountry(profile.country());
            details.setVatNumber(profile.vatNumber());
            return details;
        }

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public String getCurrentPassword() {
            return currentPassword;
        }

        public void setCurrentPassword(String currentPassword) {
            this.currentPassword = currentPassword;
        }
    }

    /** A new password, which takes the current one. */
    static class Password {

        private String currentPassword;
        private String newPassword;
        private String confirmation;

        public String getCurrentPassword() {
            return currentPassword;
        }

        public void setCurrentPassword(String currentPassword) {
            this.currentPassword = currentPassword;
        }

        public String getNewPassword() {
            return newPassword;
        }

        public void setNewPassword(String newPassword) {
            this.newPassword = newPassword;
        }

        public String getConfirmation() {
            return confirmation;
        }

        public void setConfirmation(String confirmation) {
            this.confirmation = confirmation;
        }
    }

    /** The name of a new API token, e.g. the script that will use it. */
    static class Token {

        private String name;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }
}
