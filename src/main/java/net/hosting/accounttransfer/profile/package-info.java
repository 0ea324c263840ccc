/** Customer profiles: identity, sign-in, personal API tokens and profile changes, a new email only once its mailed link is opened. */
package net.hosting.accounttransfer.profile;
