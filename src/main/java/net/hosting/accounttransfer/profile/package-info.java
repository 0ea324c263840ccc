/** Customer profiles: identity, billing identity, sign-in and profile changes. */
package net.hosting.accounttransfer.profile;
