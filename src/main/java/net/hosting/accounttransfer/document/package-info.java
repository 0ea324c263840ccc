/** Each invoice and credit note as a PDF/A-3 Factur-X document: made once from the stored snapshot, stored, served as stored. */
package net.hosting.accounttransfer.document;
