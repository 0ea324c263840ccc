/** The profile pages: sign-in, the profile form with its password, email change and API tokens. */
package net.hosting.accounttransfer.profile.web;
