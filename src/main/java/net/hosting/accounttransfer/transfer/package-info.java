/** The transfer ("cession") of an account from its owner to another profile: rules, billing choice and API. */
package net.hosting.accounttransfer.transfer;
