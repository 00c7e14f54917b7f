export interface paths {
    "/admin/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys (never the keys themselves)
         * @description **Auth:** Permission `api-keys:manage` (staff role or scoped API key).
         */
        get: operations["getAdminApiKeys"];
        put?: never;
        /**
         * Create an API key with scoped permissions; the key is shown once
         * @description **Auth:** Permission `api-keys:manage` (staff role or scoped API key).
         */
        post: operations["postAdminApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api-keys/{apiKeyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description **Auth:** Permission `api-keys:manage` (staff role or scoped API key).
         */
        delete: operations["deleteAdminApiKeysByApiKeyId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Security audit log, newest first, filterable by user and type
         * @description **Auth:** Permission `audit:read` (staff role or scoped API key).
         */
        get: operations["getAdminAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/catalog/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The whole catalog as CSV (the import format)
         * @description **Auth:** Permission `catalog:write` (staff role or scoped API key).
         */
        get: operations["getAdminCatalogExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/catalog/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import products from CSV, JSON or JSON Lines: all rows or none; re-import updates by handle and SKU
         * @description **Auth:** Permission `catalog:write` (staff role or scoped API key).
         */
        post: operations["postAdminCatalogImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/catalog/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recent import jobs, newest first
         * @description **Auth:** Permission `catalog:write` (staff role or scoped API key).
         */
        get: operations["getAdminCatalogImports"];
        put?: never;
        /**
         * Start an import job (CSV, JSON or JSON Lines) and follow its progress at the Location it answers
         * @description Answers 202 at once with the job and `Location: /admin/catalog/imports/{id}`; poll that URL (any node answers: the job lives in the database). The node that received the file runs the job: it validates every row first (`validating`; if any row is invalid the job fails with `failure.reason` `invalid-rows` and the row errors, and nothing is written), then writes the products in batches of 250, each batch one transaction that also advances `progress.done` (`writing`), so `done` is exactly what has committed. `?dryRun=true` validates only. The file is not stored: if the process stops mid-write, the job is reported `failed` with `failure.reason` `interrupted` once its heartbeat (`updatedAt`) is two minutes old (at once when the server shuts down), `progress.done` products stay written, and importing the same file again finishes the import (re-import updates by handle and SKU). With an `Idempotency-Key`, a retried upload answers the first job instead of starting another. Large imports leave the search index optimized, as the synchronous import does.
         *
         *     **Auth:** Permission `catalog:write` (staff role or scoped API key).
         */
        post: operations["postAdminCatalogImports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/catalog/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An import job: its status, progress, result or errors
         * @description **Auth:** Permission `catalog:write` (staff role or scoped API key).
         */
        get: operations["getAdminCatalogImportsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a category
         * @description **Auth:** Permission `catalog:write` (staff role or scoped API key).
         */
        post: operations["postAdminCategories"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/categories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete an empty category
         * @description **Auth:** Permission `catalog:write` (staff role or scoped API key).
         */
        delete: operations["deleteAdminCategoriesById"];
        options?: never;
        head?: never;
        /**
         * Rename or move a category
         * @description **Auth:** Permission `catalog:write` (staff role or scoped API key).
         */
        patch: operations["patchAdminCategoriesById"];
        trace?: never;
    };
    "/admin/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find customer accounts (by exact email)
         * @description **Auth:** Permission `customers:read` (staff role or scoped API key).
         */
        get: operations["getAdminCustomers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/customers/{userId}/erasure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase a customer's personal data (staff)
         * @description **Auth:** Permission `privacy:manage` (staff role or scoped API key).
         */
        post: operations["postAdminCustomersByUserIdErasure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/customers/{userId}/personal-data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A customer's personal data (staff)
         * @description **Auth:** Permission `privacy:manage` (staff role or scoped API key).
         */
        get: operations["getAdminCustomersByUserIdPersonalData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/mail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Outgoing mail, newest first (with the development transport, this is the mailbox)
         * @description **Auth:** Permission `mail:read` (staff role or scoped API key).
         */
        get: operations["getAdminMail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Products in any status, newest first
         * @description **Auth:** Permission `catalog:write` (staff role or scoped API key).
         */
        get: operations["getAdminProducts"];
        put?: never;
        /**
         * Create a product with its variants
         * @description **Auth:** Permission `catalog:write` (staff role or scoped API key).
         */
        post: operations["postAdminProducts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A product in any status, with stock
         * @description **Auth:** Permission `catalog:write` (staff role or scoped API key).
         */
        get: operations["getAdminProductsById"];
        put?: never;
        post?: never;
        /**
         * Delete a product and its variants
         * @description **Auth:** Permission `catalog:write` (staff role or scoped API key).
         */
        delete: operations["deleteAdminProductsById"];
        options?: never;
        head?: never;
        /**
         * Update a product; `variants`, when given, is the full set (matched by SKU)
         * @description **Auth:** Permission `catalog:write` (staff role or scoped API key).
         */
        patch: operations["patchAdminProductsById"];
        trace?: never;
    };
    "/admin/products/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive a product (hidden from the storefront)
         * @description **Auth:** Permission `catalog:write` (staff role or scoped API key).
         */
        post: operations["postAdminProductsByIdArchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/products/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a product
         * @description **Auth:** Permission `catalog:write` (staff role or scoped API key).
         */
        post: operations["postAdminProductsByIdPublish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List accounts
         * @description **Auth:** Permission `users:manage` (staff role or scoped API key).
         */
        get: operations["getAdminUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One account
         * @description **Auth:** Permission `users:manage` (staff role or scoped API key).
         */
        get: operations["getAdminUsersByUserId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change an account’s role or disable it (its sessions end)
         * @description **Auth:** Permission `users:manage` (staff role or scoped API key).
         */
        patch: operations["patchAdminUsersByUserId"];
        trace?: never;
    };
    "/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in account and its permissions
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        get: operations["getAuthMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the recovery codes (password required; the old ones stop working)
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        post: operations["postAuthMfaRecoveryCodes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start TOTP enrolment: a secret, its otpauth URI and a QR code
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        post: operations["postAuthMfaTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm enrolment with a current code; returns recovery codes (shown once)
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        post: operations["postAuthMfaTotpConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/totp/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn multi-factor login off (password required)
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        post: operations["postAuthMfaTotpDisable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the password (other sessions end)
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        post: operations["postAuthPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with the mailed token; every session of the account ends
         * @description **Auth:** Public.
         */
        post: operations["postAuthPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password-reset/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a password reset token (the answer is the same for unknown emails)
         * @description **Auth:** Public.
         */
        post: operations["postAuthPasswordResetRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live sessions of this account
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        get: operations["getAuthSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke one of this account’s sessions
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        delete: operations["deleteAuthSessionsBySessionId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password; a second step follows when MFA is on
         * @description **Auth:** Public.
         */
        post: operations["postAuthSignIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-in/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Second sign-in step: an authenticator code or a recovery code
         * @description **Auth:** Public.
         */
        post: operations["postAuthSignInMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End this session
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        post: operations["postAuthSignOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-out-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End every session of this account
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        post: operations["postAuthSignOutEverywhere"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a customer account (the answer is the same whether or not the email is taken)
         * @description **Auth:** Public.
         */
        post: operations["postAuthSignUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify the email with the mailed token (single use)
         * @description **Auth:** Public.
         */
        post: operations["postAuthVerifyEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/verify-email/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a new verification email
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        post: operations["postAuthVerifyEmailRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/carts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a cart (a signed-in customer gets their open cart in that currency)
         * @description A guest cart comes with a `token`, shown once: send it as `X-Cart-Token` on every cart call.
         *
         *     **Auth:** Public.
         */
        post: operations["postCarts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/carts/{cartId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A cart with server-computed prices
         * @description **Auth:** Public.
         */
        get: operations["getCartsByCartId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/carts/{cartId}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a variant to a cart
         * @description **Auth:** Public.
         */
        post: operations["postCartsByCartIdItems"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/carts/{cartId}/items/{variantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the quantity of a cart line
         * @description **Auth:** Public.
         */
        put: operations["putCartsByCartIdItemsByVariantId"];
        post?: never;
        /**
         * Remove a cart line
         * @description **Auth:** Public.
         */
        delete: operations["deleteCartsByCartIdItemsByVariantId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/carts/{cartId}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge a guest cart into the signed-in customer's cart
         * @description Call right after sign-in with the guest cart id and its `X-Cart-Token`; returns the customer cart.
         *
         *     **Auth:** Signed-in account (acts on its own data).
         */
        post: operations["postCartsByCartIdMerge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn a cart into an order and pay for it
         * @description Stock is reserved, the discount redeemed and totals computed on the server in one short transaction; the payment is then authorized outside it and the result recorded. A decline gives everything back (422); a provider that does not answer is a 503, and retrying the same checkout resumes it. Send an `Idempotency-Key` so a retried request cannot order twice.
         *
         *     **Auth:** Public.
         */
        post: operations["postCheckout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/checkout/discount-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List discount codes
         * @description **Auth:** Permission `checkout:configure` (staff role or scoped API key).
         */
        get: operations["getCheckoutDiscountCodes"];
        put?: never;
        /**
         * Create a discount code
         * @description **Auth:** Permission `checkout:configure` (staff role or scoped API key).
         */
        post: operations["postCheckoutDiscountCodes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/checkout/discount-codes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One discount code, with its use count
         * @description **Auth:** Permission `checkout:configure` (staff role or scoped API key).
         */
        get: operations["getCheckoutDiscountCodesById"];
        /**
         * Replace a discount code (its use count stays)
         * @description **Auth:** Permission `checkout:configure` (staff role or scoped API key).
         */
        put: operations["putCheckoutDiscountCodesById"];
        post?: never;
        /**
         * Delete a discount code
         * @description **Auth:** Permission `checkout:configure` (staff role or scoped API key).
         */
        delete: operations["deleteCheckoutDiscountCodesById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/checkout/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Price a cart for a destination: every shipping option with tax, discount and total
         * @description Read-only: nothing is reserved or redeemed. Uses the same rules as POST /checkout.
         *
         *     **Auth:** Public.
         */
        post: operations["postCheckoutQuote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/checkout/shipping-methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List shipping methods
         * @description **Auth:** Permission `checkout:configure` (staff role or scoped API key).
         */
        get: operations["getCheckoutShippingMethods"];
        put?: never;
        /**
         * Create a shipping method
         * @description **Auth:** Permission `checkout:configure` (staff role or scoped API key).
         */
        post: operations["postCheckoutShippingMethods"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/checkout/shipping-methods/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace a shipping method
         * @description **Auth:** Permission `checkout:configure` (staff role or scoped API key).
         */
        put: operations["putCheckoutShippingMethodsById"];
        post?: never;
        /**
         * Delete a shipping method
         * @description **Auth:** Permission `checkout:configure` (staff role or scoped API key).
         */
        delete: operations["deleteCheckoutShippingMethodsById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/checkout/tax-rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tax rates
         * @description **Auth:** Permission `checkout:configure` (staff role or scoped API key).
         */
        get: operations["getCheckoutTaxRates"];
        put?: never;
        /**
         * Create a tax rate
         * @description **Auth:** Permission `checkout:configure` (staff role or scoped API key).
         */
        post: operations["postCheckoutTaxRates"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/checkout/tax-rates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace a tax rate
         * @description **Auth:** Permission `checkout:configure` (staff role or scoped API key).
         */
        put: operations["putCheckoutTaxRatesById"];
        post?: never;
        /**
         * Delete a tax rate
         * @description **Auth:** Permission `checkout:configure` (staff role or scoped API key).
         */
        delete: operations["deleteCheckoutTaxRatesById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a batch of storefront events (analytics)
         * @description Appends up to EVENTS_MAX_BATCH events. The customer is the signed-in account, if any; a body cannot name one.
         *
         *     **Auth:** Public.
         */
        post: operations["postEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/exports/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Customer accounts as CSV, streamed
         * @description **Auth:** Permission `customers:read` (staff role or scoped API key).
         */
        get: operations["getExportsCustomers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/exports/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * All events of a date range as CSV, streamed
         * @description **Auth:** Permission `reports:read` (staff role or scoped API key).
         */
        get: operations["getExportsEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/exports/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Orders of a date range as CSV, streamed
         * @description **Auth:** Permission `orders:read` (staff role or scoped API key).
         */
        get: operations["getExportsOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness: the process is up
         * @description **Auth:** Public.
         */
        get: operations["getHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/addresses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My address book
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        get: operations["getMeAddresses"];
        put?: never;
        /**
         * Add an address
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        post: operations["postMeAddresses"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/addresses/{addressId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One address
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        get: operations["getMeAddressesByAddressId"];
        /**
         * Replace an address
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        put: operations["putMeAddressesByAddressId"];
        post?: never;
        /**
         * Delete an address
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        delete: operations["deleteMeAddressesByAddressId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My orders, newest first
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        get: operations["getMeOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/orders/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of my orders
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        get: operations["getMeOrdersByOrderId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/personal-data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download everything held about me (JSON)
         * @description **Auth:** Signed-in account (acts on its own data).
         */
        get: operations["getMePersonalData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/personal-data/erasure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase my account and personal data (orders are kept without it)
         * @description Signs out everywhere; the account can no longer sign in. Needs the current password.
         *
         *     **Auth:** Signed-in account (acts on its own data).
         */
        post: operations["postMePersonalDataErasure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description **Auth:** Public.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List and search orders (staff)
         * @description `q` is an email or an order id; `from`/`to` bound the creation time (epoch ms).
         *
         *     **Auth:** Permission `orders:read` (staff role or scoped API key).
         */
        get: operations["getOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One order (staff)
         * @description **Auth:** Permission `orders:read` (staff role or scoped API key).
         */
        get: operations["getOrdersByOrderId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an unfulfilled order, put its stock back, and void or refund its payment
         * @description An authorization is released at the provider (Stripe: the PaymentIntent is canceled). If the provider fails, the order is still cancelled and the void is retried in the background: its payment shows `voiding` until then. A captured payment (also a partially refunded one) is refunded in full first, then the order is cancelled with `amountRefunded` recording it; if the provider fails to refund, the answer is 503 `payment-provider-error` and nothing changed. If the order was fulfilled while the refund was made, the refund is recorded on the order and the answer is 409 `order-refunded-not-cancelled`. An order that was ever fulfilled or delivered cannot be cancelled. Send an `Idempotency-Key` so a retried request replays the first answer.
         *
         *     **Auth:** Permission `orders:write` (staff role or scoped API key).
         */
        post: operations["postOrdersByOrderIdCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/capture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Capture the order's authorized payment
         * @description **Auth:** Permission `orders:write` (staff role or scoped API key).
         */
        post: operations["postOrdersByOrderIdCapture"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/deliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark the order delivered
         * @description **Auth:** Permission `orders:write` (staff role or scoped API key).
         */
        post: operations["postOrdersByOrderIdDeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/fulfil": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark the order fulfilled (shipped)
         * @description **Auth:** Permission `orders:write` (staff role or scoped API key).
         */
        post: operations["postOrdersByOrderIdFulfil"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund part or all of what was captured
         * @description **Auth:** Permission `orders:write` (staff role or scoped API key).
         */
        post: operations["postOrdersByOrderIdRefunds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/{paymentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A payment and its ledger
         * @description **Auth:** Permission `orders:read` (staff role or scoped API key).
         */
        get: operations["getPaymentsByPaymentId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/{paymentId}/capture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Capture an authorized payment (Idempotency-Key honoured)
         * @description **Auth:** Permission `orders:write` (staff role or scoped API key).
         */
        post: operations["postPaymentsByPaymentIdCapture"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/{paymentId}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund part or all of a captured payment (Idempotency-Key honoured)
         * @description **Auth:** Permission `orders:write` (staff role or scoped API key).
         */
        post: operations["postPaymentsByPaymentIdRefunds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/test/cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tokenize a card with the built-in test processor
         * @description Test numbers: 4242424242424242 succeeds, 4000000000000002 is declined, 4000000000009995 has insufficient funds, 4000002500003155 requires authentication. Only the token, brand, last four and expiry are kept.
         *
         *     **Auth:** Public.
         */
        post: operations["postPaymentsTestCards"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/webhooks/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The configured provider's webhook (signature verified)
         * @description **Auth:** Public.
         */
        post: operations["postPaymentsWebhooksTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/problems": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every problem type this API answers with
         * @description **Auth:** Public.
         */
        get: operations["getProblems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/problems/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One problem type (the target of a problem document's `type`)
         * @description **Auth:** Public.
         */
        get: operations["getProblemsByCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: the database answers
         * @description **Auth:** Public.
         */
        get: operations["getReadyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/events/volume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Event volume per day or week, by type, with explicit zero buckets
         * @description **Auth:** Permission `reports:read` (staff role or scoped API key).
         */
        get: operations["getReportsEventsVolume"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Funnel: product view → add to cart → checkout started → order placed (distinct visitors)
         * @description **Auth:** Permission `reports:read` (staff role or scoped API key).
         */
        get: operations["getReportsFunnel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/low-stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Variants at or below a stock threshold
         * @description **Auth:** Permission `reports:read` (staff role or scoped API key).
         */
        get: operations["getReportsLowStock"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/sales": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sales per currency by day or week: orders, revenue, refunds, net and average order value
         * @description Every day (or week) of the range has a point, zero when nothing sold: ready to chart.
         *
         *     **Auth:** Permission `reports:read` (staff role or scoped API key).
         */
        get: operations["getReportsSales"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/searches/zero-results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Searches that returned nothing: query, count, last seen
         * @description **Auth:** Permission `reports:read` (staff role or scoped API key).
         */
        get: operations["getReportsSearchesZeroResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/top-products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Best sellers by revenue or units, per currency
         * @description **Auth:** Permission `reports:read` (staff role or scoped API key).
         */
        get: operations["getReportsTopProducts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/store/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The category tree, depth first
         * @description **Auth:** Public.
         */
        get: operations["getStoreCategories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/store/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Published products: filter by category (with descendants), price, stock, options, tags; sort; cursor pages
         * @description **Auth:** Public.
         */
        get: operations["getStoreProducts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/store/products/{handle}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A published product by handle
         * @description **Auth:** Public.
         */
        get: operations["getStoreProductsByHandle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/store/products/{handle}/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live stock of a published product
         * @description **Auth:** Public.
         */
        get: operations["getStoreProductsByHandleAvailability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/store/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ranked, typo-tolerant search with the same filters, highlights and facet counts
         * @description **Auth:** Public.
         */
        get: operations["getStoreSearch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description **Auth:** Permission `webhooks:manage` (staff role or scoped API key).
         */
        get: operations["getWebhooksEndpoints"];
        put?: never;
        /**
         * Register a webhook endpoint (the answer holds its signing secret)
         * @description **Auth:** Permission `webhooks:manage` (staff role or scoped API key).
         */
        post: operations["postWebhooksEndpoints"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/endpoints/{endpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One webhook endpoint
         * @description **Auth:** Permission `webhooks:manage` (staff role or scoped API key).
         */
        get: operations["getWebhooksEndpointsByEndpointId"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint with its deliveries
         * @description **Auth:** Permission `webhooks:manage` (staff role or scoped API key).
         */
        delete: operations["deleteWebhooksEndpointsByEndpointId"];
        options?: never;
        head?: never;
        /**
         * Change a webhook endpoint (URL, events, enabled, description)
         * @description **Auth:** Permission `webhooks:manage` (staff role or scoped API key).
         */
        patch: operations["patchWebhooksEndpointsByEndpointId"];
        trace?: never;
    };
    "/webhooks/endpoints/{endpointId}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An endpoint's delivery attempts (status code, duration, error), newest first
         * @description **Auth:** Permission `webhooks:manage` (staff role or scoped API key).
         */
        get: operations["getWebhooksEndpointsByEndpointIdAttempts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/endpoints/{endpointId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An endpoint's deliveries, newest first
         * @description **Auth:** Permission `webhooks:manage` (staff role or scoped API key).
         */
        get: operations["getWebhooksEndpointsByEndpointIdDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/endpoints/{endpointId}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret (the answer holds the new one)
         * @description **Auth:** Permission `webhooks:manage` (staff role or scoped API key).
         */
        post: operations["postWebhooksEndpointsByEndpointIdSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Event types a webhook endpoint can subscribe to
         * @description **Auth:** Permission `webhooks:manage` (staff role or scoped API key).
         */
        get: operations["getWebhooksEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcceptedView: {
            detail: string;
            /** @enum {string} */
            status: "accepted";
        };
        /**
         * @example {
         *       "variantId": "var_0mb2x4k7qa",
         *       "quantity": 2
         *     }
         */
        AddItemBody: {
            quantity: number;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            variantId: string;
        };
        /**
         * @example {
         *       "name": "Ada Lovelace",
         *       "line1": "12 Marlborough Street",
         *       "line2": null,
         *       "city": "Dublin",
         *       "postcode": "D01 X2Y3",
         *       "region": null,
         *       "country": "IE",
         *       "phone": "+353 1 555 0199"
         *     }
         */
        AddressBody: {
            city: string;
            /** @description ISO 3166-1 alpha-2 country code */
            country: string;
            line1: string;
            line2?: string | null;
            name: string;
            phone?: string | null;
            postcode: string;
            region?: string | null;
        };
        AddressList: {
            items: components["schemas"]["AddressView"][];
        };
        AddressView: {
            city: string;
            country: string;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            line1: string;
            line2: string | null;
            name: string;
            phone: string | null;
            postcode: string;
            region: string | null;
        };
        AddToCartEvent: {
            /** @description A random id the client keeps per browser or device (no personal data) */
            anonymousId: string;
            /**
             * @description When it happened on the client (epoch ms)
             * @example 1767225600000
             */
            occurredAt: number;
            properties: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                productId: string;
                quantity: number;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                variantId?: string;
            };
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "add_to_cart";
        };
        AdminProductPage: {
            items: {
                handle: string;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
                status: "draft" | "published" | "archived";
                title: string;
                /**
                 * @description Milliseconds since 1970-01-01T00:00:00Z
                 * @example 1767225600000
                 */
                updatedAt: number;
            }[];
            nextCursor: string | null;
        };
        AdminProductView: {
            attributes: {
                [key: string]: string | number | boolean;
            };
            categoryIds: string[];
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            createdAt: number;
            description: string;
            handle: string;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            images: {
                alt: string;
                url: string;
            }[];
            publishedAt: number | null;
            status: "draft" | "published" | "archived";
            tags: string[];
            title: string;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            updatedAt: number;
            variants: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
                options: {
                    [key: string]: string;
                };
                prices: {
                    /**
                     * @description Integer amount in minor units
                     * @example 1999
                     */
                    amount: number;
                    compareAt: number | null;
                    /**
                     * @description ISO 4217 currency code
                     * @example EUR
                     */
                    currency: string;
                }[];
                sku: string;
                stock: number;
                weightGrams: number;
            }[];
        };
        ApiKeyList: {
            items: components["schemas"]["ApiKeyView"][];
        };
        ApiKeyView: {
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            createdAt: number;
            createdBy: string | null;
            /** @description The first characters of the key */
            hint: string;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            lastUsedAt: number | null;
            name: string;
            permissions: string[];
            revokedAt: number | null;
        };
        AttemptPage: {
            items: components["schemas"]["AttemptView"][];
            nextCursor: string | null;
        };
        AttemptView: {
            /** @description 1 for the first try */
            attempt: number;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            deliveryId: string;
            durationMs: number;
            error: string | null;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            ok: boolean;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            startedAt: number;
            statusCode: number | null;
        };
        AuditEventView: {
            actorId: string | null;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            createdAt: number;
            data: {
                [key: string]: string | number | boolean | null;
            };
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            ip: string | null;
            type: string;
            userId: string | null;
        };
        AuditList: {
            items: components["schemas"]["AuditEventView"][];
            nextCursor: string | null;
        };
        AvailabilityView: {
            variants: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
                inStock: boolean;
                sku: string;
                stock: number;
            }[];
        };
        CaptureBody: {
            /** @description Defaults to the authorized amount */
            amount?: number;
        };
        CardBody: {
            /** @description Checked, never kept */
            cardHolder: string;
            /** @description Digits, spaces or dashes allowed */
            cardNumber: string;
            cvc: string;
            expMonth: number;
            expYear: number;
        };
        CardTokenView: {
            brand: string;
            expMonth: number;
            expYear: number;
            last4: string;
            /** @description Single use, valid for one hour */
            token: string;
        };
        CartLineView: {
            /** @description False when the variant is gone, unpublished or short of stock */
            available: boolean;
            /** @description Units in stock now (0 when unavailable) */
            inStock: number;
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            lineTotal: number;
            quantity: number;
            sku: string | null;
            title: string | null;
            unitPrice: number | null;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            variantId: string;
            weightGrams: number;
        };
        /**
         * @example {
         *       "id": "cart_0mb2x4m1zr",
         *       "currency": "EUR",
         *       "status": "open",
         *       "lines": [
         *         {
         *           "variantId": "var_0mb2x4k7qa",
         *           "sku": "MUG-ENAMEL-WHT",
         *           "title": "Enamel mug, white",
         *           "unitPrice": 1250,
         *           "quantity": 2,
         *           "lineTotal": 2500,
         *           "weightGrams": 700,
         *           "available": true,
         *           "inStock": 14
         *         }
         *       ],
         *       "itemCount": 2,
         *       "subtotal": 2500,
         *       "weightGrams": 700,
         *       "updatedAt": 1767225600000
         *     }
         */
        CartView: {
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            itemCount: number;
            lines: components["schemas"]["CartLineView"][];
            status: "open" | "merged" | "converted";
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            subtotal: number;
            updatedAt: number;
            weightGrams: number;
        };
        CategoryBody: {
            /** @example linen-shirt */
            handle: string;
            name: string;
            parentId?: string | null;
            position?: number;
        };
        CategoryList: {
            items: components["schemas"]["CategoryView"][];
        };
        CategoryView: {
            depth: number;
            handle: string;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            name: string;
            parentId: string | null;
            position: number;
        };
        ChangePasswordBody: {
            /** @description Checked against the password policy */
            currentPassword: string;
            /** @description Checked against the password policy */
            newPassword: string;
        };
        /**
         * @example {
         *       "cartId": "cart_0mb2x4m1zr",
         *       "email": "ada@example.com",
         *       "shippingAddress": {
         *         "name": "Ada Lovelace",
         *         "line1": "12 Marlborough Street",
         *         "line2": null,
         *         "city": "Dublin",
         *         "postcode": "D01 X2Y3",
         *         "region": null,
         *         "country": "IE",
         *         "phone": "+353 1 555 0199"
         *       },
         *       "shippingMethodId": "shm_0mb2x3v8kd",
         *       "payment": {
         *         "token": "tok_test_4242"
         *       }
         *     }
         */
        CheckoutBody: {
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            addressId?: string;
            /** @description The analytics id the client sends with its events, so the order joins its funnel */
            anonymousId?: string;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            cartId: string;
            discountCode?: string;
            /**
             * Format: email
             * @example ada@example.com
             */
            email: string;
            payment: {
                /** @description A card token (test provider) */
                token?: string;
            };
            shippingAddress?: components["schemas"]["AddressBody"];
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            shippingMethodId: string;
        };
        CheckoutResultView: {
            order: components["schemas"]["OrderView"];
            payment: {
                clientSecret: string | null;
                id: string | null;
                status: string;
            };
        };
        CheckoutStartedEvent: {
            /** @description A random id the client keeps per browser or device (no personal data) */
            anonymousId: string;
            /**
             * @description When it happened on the client (epoch ms)
             * @example 1767225600000
             */
            occurredAt: number;
            properties: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                cartId?: string;
                /**
                 * @description ISO 4217 currency code
                 * @example EUR
                 */
                currency?: string;
                itemCount?: number;
                /**
                 * @description Integer amount in minor units
                 * @example 1999
                 */
                value?: number;
            };
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "checkout_started";
        };
        CodeBody: {
            /** @description Six-digit authenticator code */
            totpCode: string;
        };
        CreateApiKeyBody: {
            name: string;
            permissions: ("catalog:write" | "orders:read" | "orders:write" | "customers:read" | "customers:write" | "users:manage" | "api-keys:manage" | "audit:read" | "mail:read" | "reports:read" | "webhooks:manage" | "checkout:configure" | "privacy:manage")[];
        };
        CreateCartBody: {
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
        };
        CreatedApiKeyView: {
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            createdAt: number;
            createdBy: string | null;
            /** @description The first characters of the key */
            hint: string;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            /** @description Shown once: store it now */
            key: string;
            lastUsedAt: number | null;
            name: string;
            permissions: string[];
            revokedAt: number | null;
        };
        /**
         * @example {
         *       "handle": "enamel-mug",
         *       "title": "Enamel mug",
         *       "description": "A 350 ml enamel mug that survives the campsite.",
         *       "status": "draft",
         *       "attributes": {
         *         "material": "enamel"
         *       },
         *       "tags": [
         *         "kitchen"
         *       ],
         *       "variants": [
         *         {
         *           "sku": "MUG-ENAMEL-WHT",
         *           "options": {
         *             "colour": "white"
         *           },
         *           "prices": [
         *             {
         *               "currency": "EUR",
         *               "amount": 1250
         *             }
         *           ],
         *           "stock": 20,
         *           "weightGrams": 350
         *         }
         *       ]
         *     }
         */
        CreateProductBody: {
            attributes?: {
                [key: string]: string | number | boolean;
            };
            categoryIds?: string[];
            description?: string;
            /** @example linen-shirt */
            handle: string;
            images?: components["schemas"]["ImageInput"][];
            status?: "draft" | "published" | "archived";
            tags?: string[];
            title: string;
            variants: components["schemas"]["VariantInput"][];
        };
        DeliveryPage: {
            items: components["schemas"]["DeliveryView"][];
            nextCursor: string | null;
        };
        DeliveryView: {
            attempts: number;
            completedAt: number | null;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            createdAt: number;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            endpointId: string;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            eventId: string;
            eventType: "order.paid" | "order.refunded" | "order.fulfilled" | "product.updated" | "customer.created";
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            lastError: string | null;
            lastStatusCode: number | null;
            nextAttemptAt: number | null;
            status: "pending" | "succeeded" | "failed";
        };
        DiscountCodeBody: {
            /** @default true */
            active: boolean;
            /** @description Case-insensitive; stored upper-case */
            code: string;
            currency?: string | null;
            expiresAt?: number | null;
            kind: "percentage" | "fixed";
            /** @description Integer amount in minor units */
            minSubtotal?: number;
            perCustomerLimit?: number | null;
            startsAt?: number | null;
            usageLimit?: number | null;
            /** @description Basis points (percentage) or minor units (fixed) */
            value: number;
        };
        DiscountCodeList: {
            items: components["schemas"]["DiscountCodeView"][];
        };
        DiscountCodeView: {
            active: boolean;
            code: string;
            currency: string | null;
            expiresAt: number | null;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            kind: "percentage" | "fixed";
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            minSubtotal: number;
            perCustomerLimit: number | null;
            startsAt: number | null;
            timesUsed: number;
            usageLimit: number | null;
            value: number;
        };
        EmailBody: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email: string;
        };
        /**
         * @example {
         *       "url": "https://shop.example.com/hooks/backroom",
         *       "events": [
         *         "order.paid",
         *         "order.refunded"
         *       ],
         *       "description": "Fulfilment service"
         *     }
         */
        EndpointBody: {
            description?: string;
            /** @default true */
            enabled: boolean;
            events: ("order.paid" | "order.refunded" | "order.fulfilled" | "product.updated" | "customer.created")[];
            /** @description http(s) URL that receives POSTs */
            url: string;
        };
        EndpointList: {
            items: components["schemas"]["EndpointView"][];
        };
        /**
         * @example {
         *       "enabled": true
         *     }
         */
        EndpointPatch: {
            description?: string | null;
            /** @description Enabling again resets the failure count */
            enabled?: boolean;
            events?: ("order.paid" | "order.refunded" | "order.fulfilled" | "product.updated" | "customer.created")[];
            /** @description http(s) URL that receives POSTs */
            url?: string;
        };
        EndpointView: {
            consecutiveFailures: number;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            createdAt: number;
            description: string | null;
            disabledReason: string | null;
            enabled: boolean;
            events: ("order.paid" | "order.refunded" | "order.fulfilled" | "product.updated" | "customer.created")[];
            failingSince: number | null;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            updatedAt: number;
            url: string;
        };
        EndpointWithSecretView: {
            consecutiveFailures: number;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            createdAt: number;
            description: string | null;
            disabledReason: string | null;
            enabled: boolean;
            events: ("order.paid" | "order.refunded" | "order.fulfilled" | "product.updated" | "customer.created")[];
            failingSince: number | null;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            /** @description Signing secret (whsec_…); store it now */
            secret: string;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            updatedAt: number;
            url: string;
        };
        ErasureBody: {
            /** @description Your current password, to confirm */
            password: string;
        };
        ErasureView: {
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            at: number;
            erased: boolean;
        };
        /**
         * @example {
         *       "events": [
         *         {
         *           "type": "page_view",
         *           "anonymousId": "a7Hk29xQ0pLm",
         *           "occurredAt": 1767225600000,
         *           "properties": {
         *             "path": "/products/enamel-mug",
         *             "referrer": "https://example.com/",
         *             "title": "Enamel mug"
         *           }
         *         },
         *         {
         *           "type": "product_view",
         *           "anonymousId": "a7Hk29xQ0pLm",
         *           "occurredAt": 1767225600000,
         *           "properties": {
         *             "productId": "prd_0mb2x4k7q9"
         *           }
         *         }
         *       ]
         *     }
         */
        EventBatchBody: {
            events: (components["schemas"]["PageViewEvent"] | components["schemas"]["ProductViewEvent"] | components["schemas"]["SearchEvent"] | components["schemas"]["AddToCartEvent"] | components["schemas"]["CheckoutStartedEvent"] | components["schemas"]["OrderPlacedEvent"])[];
        };
        EventBatchView: {
            /** @description How many events were stored */
            accepted: number;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            receivedAt: number;
        };
        EventTypeList: {
            items: {
                description: string;
                type: "order.paid" | "order.refunded" | "order.fulfilled" | "product.updated" | "customer.created";
            }[];
        };
        Facets: {
            categories: {
                count: number;
                handle: string;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
                name: string;
            }[];
            options: {
                count: number;
                name: string;
                value: string;
            }[];
            prices: {
                count: number;
                max: number | null;
                /**
                 * @description Integer amount in minor units
                 * @example 1999
                 */
                min: number;
            }[];
        };
        FunnelView: {
            /** Format: date */
            from: string;
            steps: {
                /** @description `reached` over the previous step's `reached` (null for the first step or after 0) */
                conversion: number | null;
                /** @description Distinct anonymous ids with this event and every earlier step */
                reached: number;
                step: "product_view" | "add_to_cart" | "checkout_started" | "order_placed";
                /** @description Distinct anonymous ids with this event in the range */
                visitors: number;
            }[];
            /** Format: date */
            to: string;
        };
        HealthView: {
            /** @enum {string} */
            status: "ok";
        };
        ImageInput: {
            alt: string;
            /** Format: uri */
            url: string;
        };
        ImportCounts: {
            products: {
                created: number;
                updated: number;
            };
            variants: number;
        };
        ImportJobPage: {
            items: components["schemas"]["ImportJobView"][];
            nextCursor: string | null;
        };
        ImportJobView: {
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            createdAt: number;
            /** @description Only validated: nothing is written, `result` says what an import would do */
            dryRun: boolean;
            /** @description Rows refused (all of them; `errors` lists the first 1,000) */
            errorCount: number;
            /** @description The refused rows, by line; nothing was written */
            errors: components["schemas"]["ImportRowError"][];
            /** @description Once failed: `invalid-rows` (see `errors`; nothing written), `interrupted` (the process stopped; `progress.done` products were written, re-running the same file finishes the import) or `error` */
            failure: {
                detail: string;
                reason: "invalid-rows" | "interrupted" | "error";
            } | null;
            /** @description The uploaded file's name (the `filename` of a multipart/form-data file part: its last path segment, control characters removed, at most 255 characters); null for a raw body or a part without a name */
            fileName: string | null;
            finishedAt: number | null;
            /** @description `jsonl`: JSON Lines (one product per line) */
            format: "csv" | "json" | "jsonl";
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            /** @description Of the current step: while validating, products checked of the products in the file (0 of 0 while the text is parsed); while writing and after, products committed of the products to write. `done` counts only what has committed. */
            progress: {
                done: number;
                total: number;
            };
            /** @description Once succeeded: products created and updated, variants (a dry run: what an import would do) */
            result: components["schemas"]["ImportCounts"] | null;
            startedAt: number | null;
            /** @description queued → validating → writing (skipped by a dry run) → succeeded, or failed at any step */
            status: "queued" | "validating" | "writing" | "succeeded" | "failed";
            /** @description The last progress, in epoch ms (the heartbeat of a running job) */
            updatedAt: number;
        };
        ImportResult: {
            dryRun: boolean;
            errors: components["schemas"]["ImportRowError"][];
            ok: boolean;
            products: {
                created: number;
                updated: number;
            };
            variants: number;
        };
        ImportRowError: {
            field: string;
            line: number;
            message: string;
        };
        LowStockView: {
            items: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                productId: string;
                sku: string;
                status: string;
                stock: number;
                title: string;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                variantId: string;
            }[];
            threshold: number;
        };
        MailList: {
            items: components["schemas"]["MailView"][];
            nextCursor: string | null;
        };
        MailView: {
            attempts: number;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            createdAt: number;
            html: string | null;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            sentAt: number | null;
            /** @description pending, sending, sent or failed */
            status: string;
            subject: string;
            text: string;
            to: string;
            transport: string | null;
        };
        MeView: {
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            createdAt: number;
            disabled: boolean;
            email: string;
            emailVerified: boolean;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            mfaEnabled: boolean;
            /** @description The permissions of the account’s role; the server still judges every request */
            permissions: ("catalog:write" | "orders:read" | "orders:write" | "customers:read" | "customers:write" | "users:manage" | "api-keys:manage" | "audit:read" | "mail:read" | "reports:read" | "webhooks:manage" | "checkout:configure" | "privacy:manage")[];
            /** @enum {string} */
            role: "customer" | "staff" | "admin";
        };
        MfaSignInBody: {
            /** @description A guest cart to merge into your cart on sign-in */
            guestCart?: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
                token: string;
            };
            mfaToken: string;
            recoveryCode?: string;
            /** @description bearer (default): the token is in the response; cookie: an HttpOnly cookie is set instead */
            session?: "bearer" | "cookie";
            /** @description Six-digit authenticator code */
            totpCode?: string;
        };
        NewCartView: {
            cart: components["schemas"]["CartView"];
            token: string | null;
        };
        OrderAddressView: {
            city: string;
            country: string;
            line1: string;
            line2: string | null;
            name: string;
            phone: string | null;
            postcode: string;
            region: string | null;
        };
        OrderLineView: {
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            discount: number;
            quantity: number;
            sku: string;
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            tax: number;
            title: string;
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            total: number;
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            unitPrice: number;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            variantId: string;
        };
        OrderList: {
            items: components["schemas"]["OrderSummaryView"][];
            nextCursor: string | null;
        };
        OrderPlacedEvent: {
            /** @description A random id the client keeps per browser or device (no personal data) */
            anonymousId: string;
            /**
             * @description When it happened on the client (epoch ms)
             * @example 1767225600000
             */
            occurredAt: number;
            properties: {
                /**
                 * @description ISO 4217 currency code
                 * @example EUR
                 */
                currency: string;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                orderId: string;
                /**
                 * @description Integer amount in minor units
                 * @example 1999
                 */
                total: number;
            };
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "order_placed";
        };
        OrderRefundBody: {
            /** @description Minor units; at most what was captured and not yet refunded */
            amount: number;
            reason?: string;
        };
        OrderSummaryView: {
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            amountRefunded: number;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            createdAt: number;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
            email: string;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            itemCount: number;
            /** @enum {string} */
            status: "pending" | "paid" | "fulfilled" | "delivered" | "cancelled" | "refunded" | "partially_refunded";
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            total: number;
        };
        /**
         * @example {
         *       "id": "ord_0mb2x5a9cd",
         *       "status": "paid",
         *       "email": "ada@example.com",
         *       "customerId": "usr_0mb2x0q3ff",
         *       "currency": "EUR",
         *       "lines": [
         *         {
         *           "variantId": "var_0mb2x4k7qa",
         *           "sku": "MUG-ENAMEL-WHT",
         *           "title": "Enamel mug, white",
         *           "unitPrice": 1250,
         *           "quantity": 2,
         *           "discount": 0,
         *           "tax": 468,
         *           "total": 2500
         *         }
         *       ],
         *       "subtotal": 2500,
         *       "discount": 0,
         *       "discountCode": null,
         *       "shipping": 500,
         *       "shippingMethod": {
         *         "id": "shm_0mb2x3v8kd",
         *         "name": "Standard"
         *       },
         *       "tax": 468,
         *       "taxIncluded": true,
         *       "total": 3000,
         *       "amountRefunded": 0,
         *       "shippingAddress": {
         *         "name": "Ada Lovelace",
         *         "line1": "12 Marlborough Street",
         *         "line2": null,
         *         "city": "Dublin",
         *         "postcode": "D01 X2Y3",
         *         "region": null,
         *         "country": "IE",
         *         "phone": "+353 1 555 0199"
         *       },
         *       "paymentId": "pay_0mb2x5a9ce",
         *       "paymentStatus": "authorized",
         *       "createdAt": 1767225600000,
         *       "updatedAt": 1767225600000,
         *       "history": [
         *         {
         *           "from": null,
         *           "to": "pending",
         *           "event": "place",
         *           "amount": null,
         *           "at": 1767225600000
         *         },
         *         {
         *           "from": "pending",
         *           "to": "paid",
         *           "event": "pay",
         *           "amount": 3000,
         *           "at": 1767225600000
         *         }
         *       ]
         *     }
         */
        OrderView: {
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            amountRefunded: number;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            createdAt: number;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
            customerId: string | null;
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            discount: number;
            discountCode: string | null;
            email: string;
            history: {
                amount: number | null;
                /**
                 * @description Milliseconds since 1970-01-01T00:00:00Z
                 * @example 1767225600000
                 */
                at: number;
                /** @description A state move (pay, fulfil, deliver, cancel, refund, partial-refund) or a money movement that leaves the state as it is (capture, refund, void; then from = to). `amount` is the money moved. */
                event: string;
                from: ("pending" | "paid" | "fulfilled" | "delivered" | "cancelled" | "refunded" | "partially_refunded") | null;
                /** @enum {string} */
                to: "pending" | "paid" | "fulfilled" | "delivered" | "cancelled" | "refunded" | "partially_refunded";
            }[];
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            lines: components["schemas"]["OrderLineView"][];
            paymentId: string | null;
            /** @description Where the money is, from the payment: none (nothing to pay), requires_action, authorized (held, not yet taken), capturing, captured, partially_refunded, refunded, voiding, voided, failed or canceled. `status` is where the order is (paid means payment secured, authorized or captured). */
            paymentStatus: string;
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            shipping: number;
            shippingAddress: components["schemas"]["OrderAddressView"];
            shippingMethod: {
                id: string;
                name: string;
            };
            /** @enum {string} */
            status: "pending" | "paid" | "fulfilled" | "delivered" | "cancelled" | "refunded" | "partially_refunded";
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            subtotal: number;
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            tax: number;
            taxIncluded: boolean;
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            total: number;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            updatedAt: number;
        };
        PageViewEvent: {
            /** @description A random id the client keeps per browser or device (no personal data) */
            anonymousId: string;
            /**
             * @description When it happened on the client (epoch ms)
             * @example 1767225600000
             */
            occurredAt: number;
            properties: {
                path: string;
                referrer?: string;
                title?: string;
            };
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "page_view";
        };
        PasswordBody: {
            /** @description Checked against the password policy */
            password: string;
        };
        PaymentView: {
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            amount: number;
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            amountCaptured: number;
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            amountRefunded: number;
            card: {
                brand: string;
                last4: string;
            } | null;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
            failureCode: string | null;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            orderId: string | null;
            provider: string;
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            refundable: number;
            /** @description Each refund attempt; `id` is the idempotency key sent to the provider. */
            refunds: {
                /**
                 * @description Integer amount in minor units
                 * @example 1999
                 */
                amount: number;
                attempts: number;
                /**
                 * @description Milliseconds since 1970-01-01T00:00:00Z
                 * @example 1767225600000
                 */
                createdAt: number;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
                reference: string | null;
                /** @description pending (at the provider, or retried in the background), succeeded (in the ledger) or failed (given back) */
                status: string;
            }[];
            /** @description requires_action, authorized, capturing, captured, partially_refunded, refunded, failed, canceled, voiding (the order was cancelled; the authorization is being released at the provider) or voided */
            status: string;
            transactions: {
                /**
                 * @description Integer amount in minor units
                 * @example 1999
                 */
                amount: number;
                /**
                 * @description Milliseconds since 1970-01-01T00:00:00Z
                 * @example 1767225600000
                 */
                createdAt: number;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
                kind: string;
                reference: string | null;
            }[];
        };
        PersonalDataView: {
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            generatedAt: number;
            /** @description One section per module: account, sessions, addresses, carts, orders, payments, mail, events */
            sections: {
                [key: string]: unknown;
            };
            subject: {
                email: string;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                userId: string;
            };
        };
        PriceInput: {
            amount: number;
            compareAt?: number | null;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
        };
        ProblemTypeList: {
            items: components["schemas"]["ProblemTypeView"][];
        };
        ProblemTypeView: {
            code: string;
            description: string;
            title: string;
            type: string;
        };
        /**
         * @example {
         *       "type": "/problems/insufficient-stock",
         *       "title": "Insufficient stock",
         *       "status": 409,
         *       "detail": "Only 2 left",
         *       "instance": "/carts/cart_0mb2x4m1zr/items",
         *       "code": "insufficient-stock"
         *     }
         */
        ProblemView: {
            code?: string;
            detail?: string;
            errors?: {
                detail: string;
                in: string;
                pointer: string;
            }[];
            instance?: string;
            requestId?: string;
            status: number;
            title: string;
            type: string;
        } & {
            [key: string]: unknown;
        };
        ProductCard: {
            handle: string;
            highlights?: {
                description: string;
                title: string;
            };
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            image: {
                alt: string;
                url: string;
            } | null;
            inStock: boolean;
            price: {
                /**
                 * @description Integer amount in minor units
                 * @example 1999
                 */
                amount: number;
                /**
                 * @description ISO 4217 currency code
                 * @example EUR
                 */
                currency: string;
            } | null;
            title: string;
        };
        ProductPage: {
            items: components["schemas"]["ProductCard"][];
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "id": "prd_0mb2x4k7q9",
         *       "handle": "enamel-mug",
         *       "title": "Enamel mug",
         *       "description": "A 350 ml enamel mug that survives the campsite.",
         *       "attributes": {
         *         "material": "enamel",
         *         "dishwasherSafe": true
         *       },
         *       "tags": [
         *         "kitchen",
         *         "outdoor"
         *       ],
         *       "categories": [
         *         {
         *           "id": "cat_0mb2x1c0aa",
         *           "handle": "kitchen",
         *           "name": "Kitchen"
         *         }
         *       ],
         *       "images": [
         *         {
         *           "url": "https://cdn.example.org/mug-white.jpg",
         *           "alt": "A white enamel mug"
         *         }
         *       ],
         *       "variants": [
         *         {
         *           "id": "var_0mb2x4k7qa",
         *           "sku": "MUG-ENAMEL-WHT",
         *           "title": "White",
         *           "options": {
         *             "colour": "white"
         *           },
         *           "prices": [
         *             {
         *               "currency": "EUR",
         *               "amount": 1250,
         *               "compareAt": 1500
         *             }
         *           ],
         *           "weightGrams": 350
         *         }
         *       ],
         *       "publishedAt": 1767225600000,
         *       "updatedAt": 1767225600000
         *     }
         */
        ProductView: {
            attributes: {
                [key: string]: string | number | boolean;
            };
            categories: {
                handle: string;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
                name: string;
            }[];
            description: string;
            handle: string;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            images: {
                alt: string;
                url: string;
            }[];
            publishedAt: number | null;
            tags: string[];
            title: string;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            updatedAt: number;
            variants: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
                options: {
                    [key: string]: string;
                };
                prices: {
                    /**
                     * @description Integer amount in minor units
                     * @example 1999
                     */
                    amount: number;
                    compareAt: number | null;
                    /**
                     * @description ISO 4217 currency code
                     * @example EUR
                     */
                    currency: string;
                }[];
                sku: string;
                title: string;
                weightGrams: number;
            }[];
        };
        ProductViewEvent: {
            /** @description A random id the client keeps per browser or device (no personal data) */
            anonymousId: string;
            /**
             * @description When it happened on the client (epoch ms)
             * @example 1767225600000
             */
            occurredAt: number;
            properties: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                productId: string;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                variantId?: string;
            };
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "product_view";
        };
        QuoteBody: {
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            cartId: string;
            /** @description ISO 3166-1 alpha-2 country code */
            country: string;
            discountCode?: string;
            region?: string | null;
        };
        QuoteView: {
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            cartId: string;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            discount: number;
            discountCode: string | null;
            options: {
                name: string;
                /**
                 * @description Integer amount in minor units
                 * @example 1999
                 */
                shipping: number;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                shippingMethodId: string;
                /**
                 * @description Integer amount in minor units
                 * @example 1999
                 */
                tax: number;
                taxIncluded: boolean;
                /**
                 * @description Integer amount in minor units
                 * @example 1999
                 */
                total: number;
            }[];
            /**
             * @description Integer amount in minor units
             * @example 1999
             */
            subtotal: number;
        };
        ReadyView: {
            database: string;
            /** @enum {string} */
            status: "ready";
        };
        RecoveryCodesView: {
            /** @description Shown once; each works once */
            recoveryCodes: string[];
        };
        RefundBody: {
            amount: number;
        };
        ResetBody: {
            /** @description Checked against the password policy */
            password: string;
            token: string;
        };
        SalesView: {
            currencies: {
                /**
                 * @description ISO 4217 currency code
                 * @example EUR
                 */
                currency: string;
                points: {
                    /**
                     * @description Integer amount in minor units
                     * @example 1999
                     */
                    averageOrderValue: number;
                    date: string;
                    /**
                     * @description Integer amount in minor units
                     * @example 1999
                     */
                    net: number;
                    orders: number;
                    /**
                     * @description Integer amount in minor units
                     * @example 1999
                     */
                    refunded: number;
                    /**
                     * @description Integer amount in minor units
                     * @example 1999
                     */
                    revenue: number;
                }[];
                totals: {
                    /**
                     * @description Integer amount in minor units
                     * @example 1999
                     */
                    averageOrderValue: number;
                    /**
                     * @description Integer amount in minor units
                     * @example 1999
                     */
                    net: number;
                    orders: number;
                    /**
                     * @description Integer amount in minor units
                     * @example 1999
                     */
                    refunded: number;
                    /**
                     * @description Integer amount in minor units
                     * @example 1999
                     */
                    revenue: number;
                };
            }[];
            from: string;
            /** @default day */
            granularity: "day" | "week";
            to: string;
        };
        SearchEvent: {
            /** @description A random id the client keeps per browser or device (no personal data) */
            anonymousId: string;
            /**
             * @description When it happened on the client (epoch ms)
             * @example 1767225600000
             */
            occurredAt: number;
            properties: {
                query: string;
                resultCount?: number;
            };
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "search";
        };
        SearchResult: {
            facets: components["schemas"]["Facets"];
            items: components["schemas"]["ProductCard"][];
            nextCursor: string | null;
            total: number;
        };
        SessionList: {
            items: components["schemas"]["SessionView"][];
        };
        SessionView: {
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            createdAt: number;
            current: boolean;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            expiresAt: number;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            ip: string | null;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            lastSeenAt: number;
            userAgent: string | null;
        };
        SetQuantityBody: {
            quantity: number;
        };
        ShippingMethodBody: {
            /** @default true */
            active: boolean;
            /** @description ISO 3166-1 alpha-2 country code */
            country: string;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
            flatAmount?: number | null;
            freeOver?: number | null;
            kind: "flat" | "weight";
            name: string;
            region?: string | null;
            weightTiers?: {
                /** @description Integer amount in minor units */
                amount: number;
                maxGrams: number;
            }[] | null;
        };
        ShippingMethodList: {
            items: components["schemas"]["ShippingMethodView"][];
        };
        ShippingMethodView: {
            active: boolean;
            /** @description ISO 3166-1 alpha-2 country code */
            country: string;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
            flatAmount: number | null;
            freeOver: number | null;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            kind: "flat" | "weight";
            name: string;
            region: string | null;
            weightTiers: {
                /** @description Integer amount in minor units */
                amount: number;
                maxGrams: number;
            }[] | null;
        };
        /**
         * @example {
         *       "email": "ada@example.com",
         *       "password": "plum-Violin-gravel-42-orbit"
         *     }
         */
        SignInBody: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email: string;
            /** @description A guest cart to merge into your cart on sign-in */
            guestCart?: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
                token: string;
            };
            /** @description Checked against the password policy */
            password: string;
            /** @description bearer (default): the token is in the response; cookie: an HttpOnly cookie is set instead */
            session?: "bearer" | "cookie";
        };
        SignInView: {
            /** @description Your cart, after the guest cart was merged into it */
            cartId?: string;
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            expiresAt?: number;
            /** @description Send with a totpCode or recoveryCode to POST /auth/sign-in/mfa */
            mfaToken?: string;
            status: "signed-in" | "mfa-required";
            /** @description Bearer session token (absent with session: cookie) */
            token?: string;
            user?: components["schemas"]["UserView"];
        };
        SignUpBody: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email: string;
            /** @description Checked against the password policy */
            password: string;
        };
        TaxRateBody: {
            /** @description ISO 3166-1 alpha-2 country code */
            country: string;
            name: string;
            /** @description Basis points: 1900 is 19 % */
            rateBp: number;
            region?: string | null;
        };
        TaxRateList: {
            items: components["schemas"]["TaxRateView"][];
        };
        TaxRateView: {
            /** @description ISO 3166-1 alpha-2 country code */
            country: string;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            name: string;
            rateBp: number;
            region: string | null;
        };
        TokenBody: {
            token: string;
        };
        TopProductsView: {
            by: string;
            from: string;
            items: {
                /**
                 * @description ISO 4217 currency code
                 * @example EUR
                 */
                currency: string;
                /**
                 * @description Integer amount in minor units
                 * @example 1999
                 */
                revenue: number;
                sku: string;
                title: string;
                units: number;
            }[];
            to: string;
        };
        TotpEnrolmentView: {
            otpauthUri: string;
            /** @description PNG image of the otpauth URI, as a data: URL */
            qrCode: string;
            /** @description Base32 secret, for manual entry */
            secret: string;
        };
        UpdateCategoryBody: {
            /** @example linen-shirt */
            handle?: string;
            name?: string;
            parentId?: string | null;
            position?: number;
        };
        UpdateProductBody: {
            attributes?: {
                [key: string]: string | number | boolean;
            };
            categoryIds?: string[];
            description?: string;
            /** @example linen-shirt */
            handle?: string;
            images?: components["schemas"]["ImageInput"][];
            status?: "draft" | "published" | "archived";
            tags?: string[];
            title?: string;
            variants?: components["schemas"]["VariantInput"][];
        };
        UpdateUserBody: {
            disabled?: boolean;
            /** @enum {string} */
            role?: "customer" | "staff" | "admin";
        };
        UserList: {
            items: components["schemas"]["UserView"][];
            nextCursor: string | null;
        };
        UserView: {
            /**
             * @description Milliseconds since 1970-01-01T00:00:00Z
             * @example 1767225600000
             */
            createdAt: number;
            disabled: boolean;
            email: string;
            emailVerified: boolean;
            /**
             * @description Opaque identifier
             * @example prd_0mb2x4k7q9
             */
            id: string;
            mfaEnabled: boolean;
            /** @enum {string} */
            role: "customer" | "staff" | "admin";
        };
        VariantInput: {
            options?: {
                [key: string]: string;
            };
            prices: components["schemas"]["PriceInput"][];
            sku: string;
            /** @default 0 */
            stock: number;
            /** @default 0 */
            weightGrams: number;
        };
        VolumePoint: {
            add_to_cart: number;
            checkout_started: number;
            /**
             * Format: date
             * @description First day of the bucket (a week's Monday)
             */
            date: string;
            order_placed: number;
            page_view: number;
            product_view: number;
            search: number;
            total: number;
        };
        VolumeView: {
            /** Format: date */
            from: string;
            /** @default day */
            granularity: "day" | "week";
            /** @description One point per day or week of the range, zeros included */
            points: components["schemas"]["VolumePoint"][];
            /** Format: date */
            to: string;
        };
        WebhookAck: {
            received: boolean;
        };
        ZeroResultView: {
            /** Format: date */
            from: string;
            items: {
                count: number;
                /**
                 * @description Milliseconds since 1970-01-01T00:00:00Z
                 * @example 1767225600000
                 */
                lastSeenAt: number;
                /** @description Normalised: trimmed, spaces collapsed, lower case */
                query: string;
            }[];
            /** Format: date */
            to: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getAdminApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: list API keys (never the keys themselves) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "name": "string",
                     *           "hint": "string",
                     *           "permissions": [
                     *             "string"
                     *           ],
                     *           "createdBy": "string",
                     *           "createdAt": 1767225600000,
                     *           "lastUsedAt": 1767225600000,
                     *           "revokedAt": 1767225600000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKeyList"];
                    "application/xml": components["schemas"]["ApiKeyList"];
                };
            };
        };
    };
    postAdminApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "x",
                 *       "permissions": [
                 *         "catalog:write"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CreateApiKeyBody"];
                "application/xml": components["schemas"]["CreateApiKeyBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `own-account`, `permission-not-held`, `user-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Created: create an API key with scoped permissions; the key is shown once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "name": "string",
                     *       "hint": "string",
                     *       "permissions": [
                     *         "string"
                     *       ],
                     *       "createdBy": "string",
                     *       "createdAt": 1767225600000,
                     *       "lastUsedAt": 1767225600000,
                     *       "revokedAt": 1767225600000,
                     *       "key": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["CreatedApiKeyView"];
                    "application/xml": components["schemas"]["CreatedApiKeyView"];
                };
            };
        };
    };
    deleteAdminApiKeysByApiKeyId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                apiKeyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `api-key-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description No content: revoke an API key */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getAdminAuditEvents: {
        parameters: {
            query?: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                cursor?: string;
                limit?: number;
                type?: string;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                userId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: security audit log, newest first, filterable by user and type */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "type": "string",
                     *           "userId": "string",
                     *           "actorId": "string",
                     *           "ip": "string",
                     *           "data": {
                     *             "property1": "string",
                     *             "property2": "string"
                     *           },
                     *           "createdAt": 1767225600000
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["AuditList"];
                    "application/xml": components["schemas"]["AuditList"];
                };
            };
        };
    };
    getAdminCatalogExport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: the whole catalog as CSV (the import format) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
        };
    };
    postAdminCatalogImport: {
        parameters: {
            query?: {
                dryRun?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example [
                 *       {
                 *         "handle": "enamel-mug",
                 *         "title": "Enamel mug",
                 *         "status": "published",
                 *         "categories": [
                 *           "kitchen"
                 *         ],
                 *         "variants": [
                 *           {
                 *             "sku": "MUG-1",
                 *             "prices": [
                 *               {
                 *                 "currency": "EUR",
                 *                 "amount": 1250
                 *               }
                 *             ],
                 *             "stock": 10
                 *           }
                 *         ]
                 *       }
                 *     ]
                 */
                "application/json": {
                    [key: string]: unknown;
                }[];
                /** @example {"handle":"enamel-mug","title":"Enamel mug","status":"published","categories":["kitchen"],"variants":[{"sku":"MUG-1","prices":[{"currency":"EUR","amount":1250}],"stock":10}]} */
                "application/x-ndjson": string;
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The file, in any of the formats above, chosen by its name (.csv, .json, .jsonl or .ndjson) or else its part's media type; its name is kept with the job (`fileName`)
                     */
                    file: string;
                };
                /**
                 * @example handle,title,description,status,tags,categories,images,attributes,sku,options,stock,weight_grams,price_EUR,compare_at_EUR
                 *     enamel-mug,Enamel mug,A camp mug,published,,kitchen,,,MUG-1,,10,,1250,
                 */
                "text/csv": string;
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `duplicate`, `duplicate-handle`, `duplicate-sku`, `import-failed`, `product-not-found`, `unknown-category` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: import products from CSV, JSON or JSON Lines: all rows or none; re-import updates by handle and SKU */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ok": true,
                     *       "dryRun": true,
                     *       "products": {
                     *         "created": 0,
                     *         "updated": 0
                     *       },
                     *       "variants": 0,
                     *       "errors": [
                     *         {
                     *           "line": 0,
                     *           "field": "string",
                     *           "message": "string"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ImportResult"];
                    "application/xml": components["schemas"]["ImportResult"];
                };
            };
        };
    };
    getAdminCatalogImports: {
        parameters: {
            query?: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: recent import jobs, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "status": "queued",
                     *           "format": "csv",
                     *           "fileName": "string",
                     *           "dryRun": true,
                     *           "progress": {
                     *             "done": 0,
                     *             "total": 0
                     *           },
                     *           "result": {
                     *             "products": {
                     *               "created": 0,
                     *               "updated": 0
                     *             },
                     *             "variants": 0
                     *           },
                     *           "errorCount": 0,
                     *           "errors": [
                     *             {
                     *               "line": 0,
                     *               "field": "string",
                     *               "message": "string"
                     *             }
                     *           ],
                     *           "failure": {
                     *             "reason": "invalid-rows",
                     *             "detail": "string"
                     *           },
                     *           "createdAt": 1767225600000,
                     *           "startedAt": 1767225600000,
                     *           "updatedAt": 0,
                     *           "finishedAt": 1767225600000
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["ImportJobPage"];
                    "application/xml": components["schemas"]["ImportJobPage"];
                };
            };
        };
    };
    postAdminCatalogImports: {
        parameters: {
            query?: {
                dryRun?: boolean;
            };
            header?: {
                /**
                 * @description Retrying with the same key (1 to 255 printable ASCII characters, kept 24 hours) replays the first response, with `Idempotent-Replayed: true`, instead of repeating the effect (docs/CHECKOUT.md, "Idempotency").
                 * @example 7d3f0b0e-5c1a-4a55-9a0e-3f7d1c2b9a10
                 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example [
                 *       {
                 *         "handle": "enamel-mug",
                 *         "title": "Enamel mug",
                 *         "status": "published",
                 *         "categories": [
                 *           "kitchen"
                 *         ],
                 *         "variants": [
                 *           {
                 *             "sku": "MUG-1",
                 *             "prices": [
                 *               {
                 *                 "currency": "EUR",
                 *                 "amount": 1250
                 *               }
                 *             ],
                 *             "stock": 10
                 *           }
                 *         ]
                 *       }
                 *     ]
                 */
                "application/json": {
                    [key: string]: unknown;
                }[];
                /** @example {"handle":"enamel-mug","title":"Enamel mug","status":"published","categories":["kitchen"],"variants":[{"sku":"MUG-1","prices":[{"currency":"EUR","amount":1250}],"stock":10}]} */
                "application/x-ndjson": string;
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The file, in any of the formats above, chosen by its name (.csv, .json, .jsonl or .ndjson) or else its part's media type; its name is kept with the job (`fileName`)
                     */
                    file: string;
                };
                /**
                 * @example handle,title,description,status,tags,categories,images,attributes,sku,options,stock,weight_grams,price_EUR,compare_at_EUR
                 *     enamel-mug,Enamel mug,A camp mug,published,,kitchen,,,MUG-1,,10,,1250,
                 */
                "text/csv": string;
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `idempotency-key-invalid`, `idempotency-key-reused`, `idempotency-key-in-use`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Accepted: start an import job (CSV, JSON or JSON Lines) and follow its progress at the Location it answers */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "status": "queued",
                     *       "format": "csv",
                     *       "fileName": "string",
                     *       "dryRun": true,
                     *       "progress": {
                     *         "done": 0,
                     *         "total": 0
                     *       },
                     *       "result": {
                     *         "products": {
                     *           "created": 0,
                     *           "updated": 0
                     *         },
                     *         "variants": 0
                     *       },
                     *       "errorCount": 0,
                     *       "errors": [
                     *         {
                     *           "line": 0,
                     *           "field": "string",
                     *           "message": "string"
                     *         }
                     *       ],
                     *       "failure": {
                     *         "reason": "invalid-rows",
                     *         "detail": "string"
                     *       },
                     *       "createdAt": 1767225600000,
                     *       "startedAt": 1767225600000,
                     *       "updatedAt": 0,
                     *       "finishedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["ImportJobView"];
                    "application/xml": components["schemas"]["ImportJobView"];
                };
            };
        };
    };
    getAdminCatalogImportsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `import-job-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: an import job: its status, progress, result or errors */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "status": "queued",
                     *       "format": "csv",
                     *       "fileName": "string",
                     *       "dryRun": true,
                     *       "progress": {
                     *         "done": 0,
                     *         "total": 0
                     *       },
                     *       "result": {
                     *         "products": {
                     *           "created": 0,
                     *           "updated": 0
                     *         },
                     *         "variants": 0
                     *       },
                     *       "errorCount": 0,
                     *       "errors": [
                     *         {
                     *           "line": 0,
                     *           "field": "string",
                     *           "message": "string"
                     *         }
                     *       ],
                     *       "failure": {
                     *         "reason": "invalid-rows",
                     *         "detail": "string"
                     *       },
                     *       "createdAt": 1767225600000,
                     *       "startedAt": 1767225600000,
                     *       "updatedAt": 0,
                     *       "finishedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["ImportJobView"];
                    "application/xml": components["schemas"]["ImportJobView"];
                };
            };
        };
    };
    postAdminCategories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "handle": "linen-shirt",
                 *       "name": "x",
                 *       "parentId": "prd_0mb2x4k7q9",
                 *       "position": 0
                 *     }
                 */
                "application/json": components["schemas"]["CategoryBody"];
                "application/xml": components["schemas"]["CategoryBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `duplicate-category`, `unknown-category` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Created: create a category */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "handle": "string",
                     *       "name": "string",
                     *       "parentId": "prd_0mb2x4k7q9",
                     *       "depth": 0,
                     *       "position": 0
                     *     }
                     */
                    "application/json": components["schemas"]["CategoryView"];
                    "application/xml": components["schemas"]["CategoryView"];
                };
            };
        };
    };
    deleteAdminCategoriesById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `category-not-empty`, `category-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    patchAdminCategoriesById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "handle": "linen-shirt",
                 *       "name": "x",
                 *       "parentId": "prd_0mb2x4k7q9",
                 *       "position": 0
                 *     }
                 */
                "application/json": components["schemas"]["UpdateCategoryBody"];
                "application/xml": components["schemas"]["UpdateCategoryBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `category-cycle`, `category-not-found`, `duplicate-category`, `unknown-category` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: rename or move a category */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "handle": "string",
                     *       "name": "string",
                     *       "parentId": "prd_0mb2x4k7q9",
                     *       "depth": 0,
                     *       "position": 0
                     *     }
                     */
                    "application/json": components["schemas"]["CategoryView"];
                    "application/xml": components["schemas"]["CategoryView"];
                };
            };
        };
    };
    getAdminCustomers: {
        parameters: {
            query?: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                cursor?: string;
                /** @example ada@example.com */
                email?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: find customer accounts (by exact email) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "email": "string",
                     *           "role": "customer",
                     *           "emailVerified": true,
                     *           "mfaEnabled": true,
                     *           "disabled": true,
                     *           "createdAt": 1767225600000
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["UserList"];
                    "application/xml": components["schemas"]["UserList"];
                };
            };
        };
    };
    postAdminCustomersByUserIdErasure: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `subject-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: erase a customer's personal data (staff) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "erased": true,
                     *       "at": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["ErasureView"];
                    "application/xml": components["schemas"]["ErasureView"];
                };
            };
        };
    };
    getAdminCustomersByUserIdPersonalData: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `subject-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: a customer's personal data (staff) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "generatedAt": 1767225600000,
                     *       "subject": {
                     *         "userId": "prd_0mb2x4k7q9",
                     *         "email": "string"
                     *       },
                     *       "sections": {
                     *         "property1": null,
                     *         "property2": null
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["PersonalDataView"];
                };
            };
        };
    };
    getAdminMail: {
        parameters: {
            query?: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                cursor?: string;
                limit?: number;
                /** @example ada@example.com */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: outgoing mail, newest first (with the development transport, this is the mailbox) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "to": "string",
                     *           "subject": "string",
                     *           "text": "string",
                     *           "html": "string",
                     *           "status": "string",
                     *           "transport": "string",
                     *           "attempts": 0,
                     *           "createdAt": 1767225600000,
                     *           "sentAt": 1767225600000
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["MailList"];
                    "application/xml": components["schemas"]["MailList"];
                };
            };
        };
    };
    getAdminProducts: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                /** @description Part of the title, handle or a SKU (case-insensitive), e.g. "linen" */
                q?: string;
                status?: "draft" | "published" | "archived";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: products in any status, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "handle": "string",
                     *           "title": "string",
                     *           "status": "draft",
                     *           "updatedAt": 1767225600000
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["AdminProductPage"];
                    "application/xml": components["schemas"]["AdminProductPage"];
                };
            };
        };
    };
    postAdminProducts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "handle": "enamel-mug",
                 *       "title": "Enamel mug",
                 *       "description": "A 350 ml enamel mug that survives the campsite.",
                 *       "status": "draft",
                 *       "attributes": {
                 *         "material": "enamel"
                 *       },
                 *       "tags": [
                 *         "kitchen"
                 *       ],
                 *       "variants": [
                 *         {
                 *           "sku": "MUG-ENAMEL-WHT",
                 *           "options": {
                 *             "colour": "white"
                 *           },
                 *           "prices": [
                 *             {
                 *               "currency": "EUR",
                 *               "amount": 1250
                 *             }
                 *           ],
                 *           "stock": 20,
                 *           "weightGrams": 350
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CreateProductBody"];
                "application/xml": components["schemas"]["CreateProductBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `duplicate`, `duplicate-handle`, `duplicate-sku`, `unknown-category` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Created: create a product with its variants */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "handle": "string",
                     *       "title": "string",
                     *       "description": "string",
                     *       "status": "draft",
                     *       "attributes": {
                     *         "property1": "string",
                     *         "property2": "string"
                     *       },
                     *       "tags": [
                     *         "string"
                     *       ],
                     *       "categoryIds": [
                     *         "prd_0mb2x4k7q9"
                     *       ],
                     *       "images": [
                     *         {
                     *           "url": "string",
                     *           "alt": "string"
                     *         }
                     *       ],
                     *       "variants": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "sku": "string",
                     *           "options": {
                     *             "property1": "string",
                     *             "property2": "string"
                     *           },
                     *           "prices": [
                     *             {
                     *               "currency": "EUR",
                     *               "amount": 1999,
                     *               "compareAt": 1999
                     *             }
                     *           ],
                     *           "stock": 0,
                     *           "weightGrams": 0
                     *         }
                     *       ],
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000,
                     *       "publishedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["AdminProductView"];
                    "application/xml": components["schemas"]["AdminProductView"];
                };
            };
        };
    };
    getAdminProductsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `product-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: a product in any status, with stock */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "handle": "string",
                     *       "title": "string",
                     *       "description": "string",
                     *       "status": "draft",
                     *       "attributes": {
                     *         "property1": "string",
                     *         "property2": "string"
                     *       },
                     *       "tags": [
                     *         "string"
                     *       ],
                     *       "categoryIds": [
                     *         "prd_0mb2x4k7q9"
                     *       ],
                     *       "images": [
                     *         {
                     *           "url": "string",
                     *           "alt": "string"
                     *         }
                     *       ],
                     *       "variants": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "sku": "string",
                     *           "options": {
                     *             "property1": "string",
                     *             "property2": "string"
                     *           },
                     *           "prices": [
                     *             {
                     *               "currency": "EUR",
                     *               "amount": 1999,
                     *               "compareAt": 1999
                     *             }
                     *           ],
                     *           "stock": 0,
                     *           "weightGrams": 0
                     *         }
                     *       ],
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000,
                     *       "publishedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["AdminProductView"];
                    "application/xml": components["schemas"]["AdminProductView"];
                };
            };
        };
    };
    deleteAdminProductsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `product-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    patchAdminProductsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "handle": "linen-shirt",
                 *       "title": "x",
                 *       "description": "",
                 *       "status": "draft",
                 *       "attributes": {
                 *         "property1": "",
                 *         "property2": ""
                 *       },
                 *       "tags": [
                 *         "summer"
                 *       ],
                 *       "categoryIds": [
                 *         "prd_0mb2x4k7q9"
                 *       ],
                 *       "images": [
                 *         {
                 *           "url": "http://example.com",
                 *           "alt": ""
                 *         }
                 *       ],
                 *       "variants": [
                 *         {
                 *           "sku": "A",
                 *           "options": {
                 *             "property1": "x",
                 *             "property2": "x"
                 *           },
                 *           "prices": [
                 *             {
                 *               "currency": "EUR",
                 *               "amount": 0,
                 *               "compareAt": 0
                 *             }
                 *           ],
                 *           "stock": 0,
                 *           "weightGrams": 0
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["UpdateProductBody"];
                "application/xml": components["schemas"]["UpdateProductBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `duplicate`, `duplicate-handle`, `duplicate-sku`, `product-not-found`, `unknown-category` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: update a product; `variants`, when given, is the full set (matched by SKU) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "handle": "string",
                     *       "title": "string",
                     *       "description": "string",
                     *       "status": "draft",
                     *       "attributes": {
                     *         "property1": "string",
                     *         "property2": "string"
                     *       },
                     *       "tags": [
                     *         "string"
                     *       ],
                     *       "categoryIds": [
                     *         "prd_0mb2x4k7q9"
                     *       ],
                     *       "images": [
                     *         {
                     *           "url": "string",
                     *           "alt": "string"
                     *         }
                     *       ],
                     *       "variants": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "sku": "string",
                     *           "options": {
                     *             "property1": "string",
                     *             "property2": "string"
                     *           },
                     *           "prices": [
                     *             {
                     *               "currency": "EUR",
                     *               "amount": 1999,
                     *               "compareAt": 1999
                     *             }
                     *           ],
                     *           "stock": 0,
                     *           "weightGrams": 0
                     *         }
                     *       ],
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000,
                     *       "publishedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["AdminProductView"];
                    "application/xml": components["schemas"]["AdminProductView"];
                };
            };
        };
    };
    postAdminProductsByIdArchive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `product-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: archive a product (hidden from the storefront) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "handle": "string",
                     *       "title": "string",
                     *       "description": "string",
                     *       "status": "draft",
                     *       "attributes": {
                     *         "property1": "string",
                     *         "property2": "string"
                     *       },
                     *       "tags": [
                     *         "string"
                     *       ],
                     *       "categoryIds": [
                     *         "prd_0mb2x4k7q9"
                     *       ],
                     *       "images": [
                     *         {
                     *           "url": "string",
                     *           "alt": "string"
                     *         }
                     *       ],
                     *       "variants": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "sku": "string",
                     *           "options": {
                     *             "property1": "string",
                     *             "property2": "string"
                     *           },
                     *           "prices": [
                     *             {
                     *               "currency": "EUR",
                     *               "amount": 1999,
                     *               "compareAt": 1999
                     *             }
                     *           ],
                     *           "stock": 0,
                     *           "weightGrams": 0
                     *         }
                     *       ],
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000,
                     *       "publishedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["AdminProductView"];
                    "application/xml": components["schemas"]["AdminProductView"];
                };
            };
        };
    };
    postAdminProductsByIdPublish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `product-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: publish a product */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "handle": "string",
                     *       "title": "string",
                     *       "description": "string",
                     *       "status": "draft",
                     *       "attributes": {
                     *         "property1": "string",
                     *         "property2": "string"
                     *       },
                     *       "tags": [
                     *         "string"
                     *       ],
                     *       "categoryIds": [
                     *         "prd_0mb2x4k7q9"
                     *       ],
                     *       "images": [
                     *         {
                     *           "url": "string",
                     *           "alt": "string"
                     *         }
                     *       ],
                     *       "variants": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "sku": "string",
                     *           "options": {
                     *             "property1": "string",
                     *             "property2": "string"
                     *           },
                     *           "prices": [
                     *             {
                     *               "currency": "EUR",
                     *               "amount": 1999,
                     *               "compareAt": 1999
                     *             }
                     *           ],
                     *           "stock": 0,
                     *           "weightGrams": 0
                     *         }
                     *       ],
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000,
                     *       "publishedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["AdminProductView"];
                    "application/xml": components["schemas"]["AdminProductView"];
                };
            };
        };
    };
    getAdminUsers: {
        parameters: {
            query?: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                cursor?: string;
                /** @example ada@example.com */
                email?: string;
                limit?: number;
                role?: "customer" | "staff" | "admin";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: list accounts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "email": "string",
                     *           "role": "customer",
                     *           "emailVerified": true,
                     *           "mfaEnabled": true,
                     *           "disabled": true,
                     *           "createdAt": 1767225600000
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["UserList"];
                    "application/xml": components["schemas"]["UserList"];
                };
            };
        };
    };
    getAdminUsersByUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `user-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: one account */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "email": "string",
                     *       "role": "customer",
                     *       "emailVerified": true,
                     *       "mfaEnabled": true,
                     *       "disabled": true,
                     *       "createdAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["UserView"];
                    "application/xml": components["schemas"]["UserView"];
                };
            };
        };
    };
    patchAdminUsersByUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "role": "customer",
                 *       "disabled": true
                 *     }
                 */
                "application/json": components["schemas"]["UpdateUserBody"];
                "application/xml": components["schemas"]["UpdateUserBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `own-account`, `user-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: change an account’s role or disable it (its sessions end) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "email": "string",
                     *       "role": "customer",
                     *       "emailVerified": true,
                     *       "mfaEnabled": true,
                     *       "disabled": true,
                     *       "createdAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["UserView"];
                    "application/xml": components["schemas"]["UserView"];
                };
            };
        };
    };
    getAuthMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `not-acceptable`, `rate-limited`, `user-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: the signed-in account and its permissions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "email": "string",
                     *       "role": "customer",
                     *       "emailVerified": true,
                     *       "mfaEnabled": true,
                     *       "disabled": true,
                     *       "createdAt": 1767225600000,
                     *       "permissions": [
                     *         "catalog:write"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["MeView"];
                    "application/xml": components["schemas"]["MeView"];
                };
            };
        };
    };
    postAuthMfaRecoveryCodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "password": "x"
                 *     }
                 */
                "application/json": components["schemas"]["PasswordBody"];
                "application/xml": components["schemas"]["PasswordBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `not-acceptable`, `rate-limited`, `mfa-not-enabled`, `too-many-attempts`, `user-not-found`, `wrong-password` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: replace the recovery codes (password required; the old ones stop working) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "recoveryCodes": [
                     *         "string"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["RecoveryCodesView"];
                    "application/xml": components["schemas"]["RecoveryCodesView"];
                };
            };
        };
    };
    postAuthMfaTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `not-acceptable`, `rate-limited`, `mfa-already-enabled`, `user-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: start TOTP enrolment: a secret, its otpauth URI and a QR code */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "secret": "string",
                     *       "otpauthUri": "string",
                     *       "qrCode": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["TotpEnrolmentView"];
                    "application/xml": components["schemas"]["TotpEnrolmentView"];
                };
            };
        };
    };
    postAuthMfaTotpConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "totpCode": "000000"
                 *     }
                 */
                "application/json": components["schemas"]["CodeBody"];
                "application/xml": components["schemas"]["CodeBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `not-acceptable`, `rate-limited`, `invalid-mfa-code`, `mfa-already-enabled`, `mfa-not-enrolled`, `user-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: confirm enrolment with a current code; returns recovery codes (shown once) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "recoveryCodes": [
                     *         "string"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["RecoveryCodesView"];
                    "application/xml": components["schemas"]["RecoveryCodesView"];
                };
            };
        };
    };
    postAuthMfaTotpDisable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "password": "x"
                 *     }
                 */
                "application/json": components["schemas"]["PasswordBody"];
                "application/xml": components["schemas"]["PasswordBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `not-acceptable`, `rate-limited`, `mfa-not-enabled`, `too-many-attempts`, `user-not-found`, `wrong-password` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postAuthPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "currentPassword": "x",
                 *       "newPassword": "x"
                 *     }
                 */
                "application/json": components["schemas"]["ChangePasswordBody"];
                "application/xml": components["schemas"]["ChangePasswordBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `not-acceptable`, `rate-limited`, `too-many-attempts`, `user-not-found`, `weak-password`, `wrong-password` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postAuthPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "xxxxxxxxxxxxxxxx",
                 *       "password": "x"
                 *     }
                 */
                "application/json": components["schemas"]["ResetBody"];
                "application/xml": components["schemas"]["ResetBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `not-acceptable`, `rate-limited`, `invalid-token`, `weak-password` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postAuthPasswordResetRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com"
                 *     }
                 */
                "application/json": components["schemas"]["EmailBody"];
                "application/xml": components["schemas"]["EmailBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `not-acceptable`, `rate-limited`, `too-many-attempts` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Accepted: mail a password reset token (the answer is the same for unknown emails) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "accepted",
                     *       "detail": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedView"];
                    "application/xml": components["schemas"]["AcceptedView"];
                };
            };
        };
    };
    getAuthSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: live sessions of this account */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "current": true,
                     *           "createdAt": 1767225600000,
                     *           "lastSeenAt": 1767225600000,
                     *           "expiresAt": 1767225600000,
                     *           "ip": "string",
                     *           "userAgent": "string"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SessionList"];
                    "application/xml": components["schemas"]["SessionList"];
                };
            };
        };
    };
    deleteAuthSessionsBySessionId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `not-acceptable`, `rate-limited`, `session-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postAuthSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com",
                 *       "password": "plum-Violin-gravel-42-orbit"
                 *     }
                 */
                "application/json": components["schemas"]["SignInBody"];
                "application/xml": components["schemas"]["SignInBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `not-acceptable`, `rate-limited`, `bad-credentials`, `too-many-attempts` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: sign in with email and password; a second step follows when MFA is on */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "signed-in",
                     *       "token": "string",
                     *       "expiresAt": 1767225600000,
                     *       "mfaToken": "string",
                     *       "user": {
                     *         "id": "prd_0mb2x4k7q9",
                     *         "email": "string",
                     *         "role": "customer",
                     *         "emailVerified": true,
                     *         "mfaEnabled": true,
                     *         "disabled": true,
                     *         "createdAt": 1767225600000
                     *       },
                     *       "cartId": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["SignInView"];
                    "application/xml": components["schemas"]["SignInView"];
                };
            };
        };
    };
    postAuthSignInMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "mfaToken": "xxxxxxxxxxxxxxxx",
                 *       "totpCode": "000000",
                 *       "recoveryCode": "xxxxxxxxxx",
                 *       "session": "bearer",
                 *       "guestCart": {
                 *         "id": "prd_0mb2x4k7q9",
                 *         "token": "x"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["MfaSignInBody"];
                "application/xml": components["schemas"]["MfaSignInBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `not-acceptable`, `rate-limited`, `invalid-mfa-code`, `mfa-challenge-expired`, `too-many-attempts` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: second sign-in step: an authenticator code or a recovery code */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "signed-in",
                     *       "token": "string",
                     *       "expiresAt": 1767225600000,
                     *       "mfaToken": "string",
                     *       "user": {
                     *         "id": "prd_0mb2x4k7q9",
                     *         "email": "string",
                     *         "role": "customer",
                     *         "emailVerified": true,
                     *         "mfaEnabled": true,
                     *         "disabled": true,
                     *         "createdAt": 1767225600000
                     *       },
                     *       "cartId": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["SignInView"];
                    "application/xml": components["schemas"]["SignInView"];
                };
            };
        };
    };
    postAuthSignOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `not-acceptable`, `rate-limited`, `session-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postAuthSignOutEverywhere: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postAuthSignUp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com",
                 *       "password": "x"
                 *     }
                 */
                "application/json": components["schemas"]["SignUpBody"];
                "application/xml": components["schemas"]["SignUpBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `not-acceptable`, `rate-limited`, `weak-password` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Accepted: create a customer account (the answer is the same whether or not the email is taken) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "accepted",
                     *       "detail": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedView"];
                    "application/xml": components["schemas"]["AcceptedView"];
                };
            };
        };
    };
    postAuthVerifyEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "xxxxxxxxxxxxxxxx"
                 *     }
                 */
                "application/json": components["schemas"]["TokenBody"];
                "application/xml": components["schemas"]["TokenBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `not-acceptable`, `rate-limited`, `invalid-token` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postAuthVerifyEmailRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `not-acceptable`, `rate-limited`, `email-already-verified` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Accepted: send a new verification email */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "accepted",
                     *       "detail": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedView"];
                    "application/xml": components["schemas"]["AcceptedView"];
                };
            };
        };
    };
    postCarts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "currency": "EUR"
                 *     }
                 */
                "application/json": components["schemas"]["CreateCartBody"];
                "application/xml": components["schemas"]["CreateCartBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Created: start a cart (a signed-in customer gets their open cart in that currency) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "cart": {
                     *         "id": "cart_0mb2x4m1zr",
                     *         "currency": "EUR",
                     *         "status": "open",
                     *         "lines": [
                     *           {
                     *             "variantId": "var_0mb2x4k7qa",
                     *             "sku": "MUG-ENAMEL-WHT",
                     *             "title": "Enamel mug, white",
                     *             "unitPrice": 1250,
                     *             "quantity": 2,
                     *             "lineTotal": 2500,
                     *             "weightGrams": 700,
                     *             "available": true,
                     *             "inStock": 14
                     *           }
                     *         ],
                     *         "itemCount": 2,
                     *         "subtotal": 2500,
                     *         "weightGrams": 700,
                     *         "updatedAt": 1767225600000
                     *       },
                     *       "token": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["NewCartView"];
                    "application/xml": components["schemas"]["NewCartView"];
                };
            };
        };
    };
    getCartsByCartId: {
        parameters: {
            query?: never;
            header?: {
                /** @description The token of a guest cart */
                "x-cart-token"?: string;
            };
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                cartId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `not-acceptable`, `rate-limited`, `cart-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: a cart with server-computed prices */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "cart_0mb2x4m1zr",
                     *       "currency": "EUR",
                     *       "status": "open",
                     *       "lines": [
                     *         {
                     *           "variantId": "var_0mb2x4k7qa",
                     *           "sku": "MUG-ENAMEL-WHT",
                     *           "title": "Enamel mug, white",
                     *           "unitPrice": 1250,
                     *           "quantity": 2,
                     *           "lineTotal": 2500,
                     *           "weightGrams": 700,
                     *           "available": true,
                     *           "inStock": 14
                     *         }
                     *       ],
                     *       "itemCount": 2,
                     *       "subtotal": 2500,
                     *       "weightGrams": 700,
                     *       "updatedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["CartView"];
                    "application/xml": components["schemas"]["CartView"];
                };
            };
        };
    };
    postCartsByCartIdItems: {
        parameters: {
            query?: never;
            header?: {
                /** @description The token of a guest cart */
                "x-cart-token"?: string;
            };
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                cartId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "variantId": "var_0mb2x4k7qa",
                 *       "quantity": 2
                 *     }
                 */
                "application/json": components["schemas"]["AddItemBody"];
                "application/xml": components["schemas"]["AddItemBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `not-acceptable`, `rate-limited`, `cart-closed`, `cart-not-found`, `insufficient-stock`, `line-limit`, `variant-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: add a variant to a cart */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "cart_0mb2x4m1zr",
                     *       "currency": "EUR",
                     *       "status": "open",
                     *       "lines": [
                     *         {
                     *           "variantId": "var_0mb2x4k7qa",
                     *           "sku": "MUG-ENAMEL-WHT",
                     *           "title": "Enamel mug, white",
                     *           "unitPrice": 1250,
                     *           "quantity": 2,
                     *           "lineTotal": 2500,
                     *           "weightGrams": 700,
                     *           "available": true,
                     *           "inStock": 14
                     *         }
                     *       ],
                     *       "itemCount": 2,
                     *       "subtotal": 2500,
                     *       "weightGrams": 700,
                     *       "updatedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["CartView"];
                    "application/xml": components["schemas"]["CartView"];
                };
            };
        };
    };
    putCartsByCartIdItemsByVariantId: {
        parameters: {
            query?: never;
            header?: {
                /** @description The token of a guest cart */
                "x-cart-token"?: string;
            };
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                cartId: string;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                variantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "quantity": 1
                 *     }
                 */
                "application/json": components["schemas"]["SetQuantityBody"];
                "application/xml": components["schemas"]["SetQuantityBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `not-acceptable`, `rate-limited`, `cart-closed`, `cart-not-found`, `insufficient-stock`, `line-not-found`, `variant-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: set the quantity of a cart line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "cart_0mb2x4m1zr",
                     *       "currency": "EUR",
                     *       "status": "open",
                     *       "lines": [
                     *         {
                     *           "variantId": "var_0mb2x4k7qa",
                     *           "sku": "MUG-ENAMEL-WHT",
                     *           "title": "Enamel mug, white",
                     *           "unitPrice": 1250,
                     *           "quantity": 2,
                     *           "lineTotal": 2500,
                     *           "weightGrams": 700,
                     *           "available": true,
                     *           "inStock": 14
                     *         }
                     *       ],
                     *       "itemCount": 2,
                     *       "subtotal": 2500,
                     *       "weightGrams": 700,
                     *       "updatedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["CartView"];
                    "application/xml": components["schemas"]["CartView"];
                };
            };
        };
    };
    deleteCartsByCartIdItemsByVariantId: {
        parameters: {
            query?: never;
            header?: {
                /** @description The token of a guest cart */
                "x-cart-token"?: string;
            };
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                cartId: string;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                variantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `not-acceptable`, `rate-limited`, `cart-closed`, `cart-not-found`, `line-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: remove a cart line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "cart_0mb2x4m1zr",
                     *       "currency": "EUR",
                     *       "status": "open",
                     *       "lines": [
                     *         {
                     *           "variantId": "var_0mb2x4k7qa",
                     *           "sku": "MUG-ENAMEL-WHT",
                     *           "title": "Enamel mug, white",
                     *           "unitPrice": 1250,
                     *           "quantity": 2,
                     *           "lineTotal": 2500,
                     *           "weightGrams": 700,
                     *           "available": true,
                     *           "inStock": 14
                     *         }
                     *       ],
                     *       "itemCount": 2,
                     *       "subtotal": 2500,
                     *       "weightGrams": 700,
                     *       "updatedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["CartView"];
                    "application/xml": components["schemas"]["CartView"];
                };
            };
        };
    };
    postCartsByCartIdMerge: {
        parameters: {
            query?: never;
            header?: {
                /** @description The token of a guest cart */
                "x-cart-token"?: string;
            };
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                cartId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `not-acceptable`, `rate-limited`, `cart-closed`, `cart-not-found`, `variant-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: merge a guest cart into the signed-in customer's cart */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "cart_0mb2x4m1zr",
                     *       "currency": "EUR",
                     *       "status": "open",
                     *       "lines": [
                     *         {
                     *           "variantId": "var_0mb2x4k7qa",
                     *           "sku": "MUG-ENAMEL-WHT",
                     *           "title": "Enamel mug, white",
                     *           "unitPrice": 1250,
                     *           "quantity": 2,
                     *           "lineTotal": 2500,
                     *           "weightGrams": 700,
                     *           "available": true,
                     *           "inStock": 14
                     *         }
                     *       ],
                     *       "itemCount": 2,
                     *       "subtotal": 2500,
                     *       "weightGrams": 700,
                     *       "updatedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["CartView"];
                    "application/xml": components["schemas"]["CartView"];
                };
            };
        };
    };
    postCheckout: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
                /** @description The token of a guest cart */
                "x-cart-token"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "cartId": "cart_0mb2x4m1zr",
                 *       "email": "ada@example.com",
                 *       "shippingAddress": {
                 *         "name": "Ada Lovelace",
                 *         "line1": "12 Marlborough Street",
                 *         "line2": null,
                 *         "city": "Dublin",
                 *         "postcode": "D01 X2Y3",
                 *         "region": null,
                 *         "country": "IE",
                 *         "phone": "+353 1 555 0199"
                 *       },
                 *       "shippingMethodId": "shm_0mb2x3v8kd",
                 *       "payment": {
                 *         "token": "tok_test_4242"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CheckoutBody"];
                "application/xml": components["schemas"]["CheckoutBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `idempotency-key-invalid`, `idempotency-key-reused`, `idempotency-key-in-use`, `not-acceptable`, `rate-limited`, `address-not-found`, `address-required`, `card-token-invalid`, `cart-closed`, `cart-empty`, `cart-item-unavailable`, `cart-not-found`, `discount-code-not-found`, `discount-code-unknown`, `discount-currency-mismatch`, `discount-customer-limit`, `discount-exhausted`, `discount-expired`, `discount-inactive`, `discount-minimum-not-met`, `discount-not-started`, `insufficient-stock`, `payment-token-required`, `shipping-unavailable`, `variant-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Created: turn a cart into an order and pay for it */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "order": {
                     *         "id": "ord_0mb2x5a9cd",
                     *         "status": "paid",
                     *         "email": "ada@example.com",
                     *         "customerId": "usr_0mb2x0q3ff",
                     *         "currency": "EUR",
                     *         "lines": [
                     *           {
                     *             "variantId": "var_0mb2x4k7qa",
                     *             "sku": "MUG-ENAMEL-WHT",
                     *             "title": "Enamel mug, white",
                     *             "unitPrice": 1250,
                     *             "quantity": 2,
                     *             "discount": 0,
                     *             "tax": 468,
                     *             "total": 2500
                     *           }
                     *         ],
                     *         "subtotal": 2500,
                     *         "discount": 0,
                     *         "discountCode": null,
                     *         "shipping": 500,
                     *         "shippingMethod": {
                     *           "id": "shm_0mb2x3v8kd",
                     *           "name": "Standard"
                     *         },
                     *         "tax": 468,
                     *         "taxIncluded": true,
                     *         "total": 3000,
                     *         "amountRefunded": 0,
                     *         "shippingAddress": {
                     *           "name": "Ada Lovelace",
                     *           "line1": "12 Marlborough Street",
                     *           "line2": null,
                     *           "city": "Dublin",
                     *           "postcode": "D01 X2Y3",
                     *           "region": null,
                     *           "country": "IE",
                     *           "phone": "+353 1 555 0199"
                     *         },
                     *         "paymentId": "pay_0mb2x5a9ce",
                     *         "paymentStatus": "authorized",
                     *         "createdAt": 1767225600000,
                     *         "updatedAt": 1767225600000,
                     *         "history": [
                     *           {
                     *             "from": null,
                     *             "to": "pending",
                     *             "event": "place",
                     *             "amount": null,
                     *             "at": 1767225600000
                     *           },
                     *           {
                     *             "from": "pending",
                     *             "to": "paid",
                     *             "event": "pay",
                     *             "amount": 3000,
                     *             "at": 1767225600000
                     *           }
                     *         ]
                     *       },
                     *       "payment": {
                     *         "id": "string",
                     *         "status": "string",
                     *         "clientSecret": "string"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["CheckoutResultView"];
                    "application/xml": components["schemas"]["CheckoutResultView"];
                };
            };
        };
    };
    getCheckoutDiscountCodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: list discount codes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "code": "string",
                     *           "kind": "percentage",
                     *           "value": 0,
                     *           "currency": "EUR",
                     *           "minSubtotal": 1999,
                     *           "startsAt": 1767225600000,
                     *           "expiresAt": 1767225600000,
                     *           "usageLimit": 0,
                     *           "perCustomerLimit": 0,
                     *           "timesUsed": 0,
                     *           "active": true
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["DiscountCodeList"];
                    "application/xml": components["schemas"]["DiscountCodeList"];
                };
            };
        };
    };
    postCheckoutDiscountCodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "AAA",
                 *       "kind": "percentage",
                 *       "value": 1,
                 *       "currency": "EUR",
                 *       "minSubtotal": 0,
                 *       "startsAt": 1767225600000,
                 *       "expiresAt": 1767225600000,
                 *       "usageLimit": 1,
                 *       "perCustomerLimit": 1,
                 *       "active": true
                 *     }
                 */
                "application/json": components["schemas"]["DiscountCodeBody"];
                "application/xml": components["schemas"]["DiscountCodeBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `discount-code-exists`, `discount-code-invalid` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Created: create a discount code */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "code": "string",
                     *       "kind": "percentage",
                     *       "value": 0,
                     *       "currency": "EUR",
                     *       "minSubtotal": 1999,
                     *       "startsAt": 1767225600000,
                     *       "expiresAt": 1767225600000,
                     *       "usageLimit": 0,
                     *       "perCustomerLimit": 0,
                     *       "timesUsed": 0,
                     *       "active": true
                     *     }
                     */
                    "application/json": components["schemas"]["DiscountCodeView"];
                    "application/xml": components["schemas"]["DiscountCodeView"];
                };
            };
        };
    };
    getCheckoutDiscountCodesById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `discount-code-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: one discount code, with its use count */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "code": "string",
                     *       "kind": "percentage",
                     *       "value": 0,
                     *       "currency": "EUR",
                     *       "minSubtotal": 1999,
                     *       "startsAt": 1767225600000,
                     *       "expiresAt": 1767225600000,
                     *       "usageLimit": 0,
                     *       "perCustomerLimit": 0,
                     *       "timesUsed": 0,
                     *       "active": true
                     *     }
                     */
                    "application/json": components["schemas"]["DiscountCodeView"];
                    "application/xml": components["schemas"]["DiscountCodeView"];
                };
            };
        };
    };
    putCheckoutDiscountCodesById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "AAA",
                 *       "kind": "percentage",
                 *       "value": 1,
                 *       "currency": "EUR",
                 *       "minSubtotal": 0,
                 *       "startsAt": 1767225600000,
                 *       "expiresAt": 1767225600000,
                 *       "usageLimit": 1,
                 *       "perCustomerLimit": 1,
                 *       "active": true
                 *     }
                 */
                "application/json": components["schemas"]["DiscountCodeBody"];
                "application/xml": components["schemas"]["DiscountCodeBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `discount-code-exists`, `discount-code-invalid`, `discount-code-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: replace a discount code (its use count stays) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "code": "string",
                     *       "kind": "percentage",
                     *       "value": 0,
                     *       "currency": "EUR",
                     *       "minSubtotal": 1999,
                     *       "startsAt": 1767225600000,
                     *       "expiresAt": 1767225600000,
                     *       "usageLimit": 0,
                     *       "perCustomerLimit": 0,
                     *       "timesUsed": 0,
                     *       "active": true
                     *     }
                     */
                    "application/json": components["schemas"]["DiscountCodeView"];
                    "application/xml": components["schemas"]["DiscountCodeView"];
                };
            };
        };
    };
    deleteCheckoutDiscountCodesById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `discount-code-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postCheckoutQuote: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
                /** @description The token of a guest cart */
                "x-cart-token"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "cartId": "prd_0mb2x4k7q9",
                 *       "country": "AA",
                 *       "region": "AA-A",
                 *       "discountCode": "x"
                 *     }
                 */
                "application/json": components["schemas"]["QuoteBody"];
                "application/xml": components["schemas"]["QuoteBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `not-acceptable`, `rate-limited`, `address-not-found`, `address-required`, `cart-closed`, `cart-item-unavailable`, `cart-not-found`, `discount-code-unknown`, `discount-currency-mismatch`, `discount-expired`, `discount-inactive`, `discount-minimum-not-met`, `discount-not-started`, `shipping-unavailable`, `variant-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: price a cart for a destination: every shipping option with tax, discount and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "cartId": "prd_0mb2x4k7q9",
                     *       "currency": "EUR",
                     *       "subtotal": 1999,
                     *       "discount": 1999,
                     *       "discountCode": "string",
                     *       "options": [
                     *         {
                     *           "shippingMethodId": "prd_0mb2x4k7q9",
                     *           "name": "string",
                     *           "shipping": 1999,
                     *           "tax": 1999,
                     *           "taxIncluded": true,
                     *           "total": 1999
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["QuoteView"];
                    "application/xml": components["schemas"]["QuoteView"];
                };
            };
        };
    };
    getCheckoutShippingMethods: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: list shipping methods */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "name": "string",
                     *           "currency": "EUR",
                     *           "country": "AA",
                     *           "region": "string",
                     *           "kind": "flat",
                     *           "flatAmount": 1999,
                     *           "weightTiers": [
                     *             {
                     *               "maxGrams": 1,
                     *               "amount": 0
                     *             }
                     *           ],
                     *           "freeOver": 1999,
                     *           "active": true
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ShippingMethodList"];
                    "application/xml": components["schemas"]["ShippingMethodList"];
                };
            };
        };
    };
    postCheckoutShippingMethods: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "x",
                 *       "currency": "EUR",
                 *       "country": "AA",
                 *       "region": "AA-A",
                 *       "kind": "flat",
                 *       "flatAmount": 0,
                 *       "weightTiers": [
                 *         {
                 *           "maxGrams": 1,
                 *           "amount": 0
                 *         }
                 *       ],
                 *       "freeOver": 0,
                 *       "active": true
                 *     }
                 */
                "application/json": components["schemas"]["ShippingMethodBody"];
                "application/xml": components["schemas"]["ShippingMethodBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `region-country-mismatch`, `shipping-method-invalid` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Created: create a shipping method */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "name": "string",
                     *       "currency": "EUR",
                     *       "country": "AA",
                     *       "region": "string",
                     *       "kind": "flat",
                     *       "flatAmount": 1999,
                     *       "weightTiers": [
                     *         {
                     *           "maxGrams": 1,
                     *           "amount": 0
                     *         }
                     *       ],
                     *       "freeOver": 1999,
                     *       "active": true
                     *     }
                     */
                    "application/json": components["schemas"]["ShippingMethodView"];
                    "application/xml": components["schemas"]["ShippingMethodView"];
                };
            };
        };
    };
    putCheckoutShippingMethodsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "x",
                 *       "currency": "EUR",
                 *       "country": "AA",
                 *       "region": "AA-A",
                 *       "kind": "flat",
                 *       "flatAmount": 0,
                 *       "weightTiers": [
                 *         {
                 *           "maxGrams": 1,
                 *           "amount": 0
                 *         }
                 *       ],
                 *       "freeOver": 0,
                 *       "active": true
                 *     }
                 */
                "application/json": components["schemas"]["ShippingMethodBody"];
                "application/xml": components["schemas"]["ShippingMethodBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `region-country-mismatch`, `shipping-method-invalid`, `shipping-method-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: replace a shipping method */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "name": "string",
                     *       "currency": "EUR",
                     *       "country": "AA",
                     *       "region": "string",
                     *       "kind": "flat",
                     *       "flatAmount": 1999,
                     *       "weightTiers": [
                     *         {
                     *           "maxGrams": 1,
                     *           "amount": 0
                     *         }
                     *       ],
                     *       "freeOver": 1999,
                     *       "active": true
                     *     }
                     */
                    "application/json": components["schemas"]["ShippingMethodView"];
                    "application/xml": components["schemas"]["ShippingMethodView"];
                };
            };
        };
    };
    deleteCheckoutShippingMethodsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `shipping-method-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getCheckoutTaxRates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: list tax rates */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "name": "string",
                     *           "country": "AA",
                     *           "region": "string",
                     *           "rateBp": 0
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["TaxRateList"];
                    "application/xml": components["schemas"]["TaxRateList"];
                };
            };
        };
    };
    postCheckoutTaxRates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "x",
                 *       "country": "AA",
                 *       "region": "AA-A",
                 *       "rateBp": 0
                 *     }
                 */
                "application/json": components["schemas"]["TaxRateBody"];
                "application/xml": components["schemas"]["TaxRateBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `region-country-mismatch`, `tax-rate-exists` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Created: create a tax rate */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "name": "string",
                     *       "country": "AA",
                     *       "region": "string",
                     *       "rateBp": 0
                     *     }
                     */
                    "application/json": components["schemas"]["TaxRateView"];
                    "application/xml": components["schemas"]["TaxRateView"];
                };
            };
        };
    };
    putCheckoutTaxRatesById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "x",
                 *       "country": "AA",
                 *       "region": "AA-A",
                 *       "rateBp": 0
                 *     }
                 */
                "application/json": components["schemas"]["TaxRateBody"];
                "application/xml": components["schemas"]["TaxRateBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `region-country-mismatch`, `tax-rate-exists`, `tax-rate-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: replace a tax rate */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "name": "string",
                     *       "country": "AA",
                     *       "region": "string",
                     *       "rateBp": 0
                     *     }
                     */
                    "application/json": components["schemas"]["TaxRateView"];
                    "application/xml": components["schemas"]["TaxRateView"];
                };
            };
        };
    };
    deleteCheckoutTaxRatesById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `tax-rate-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "events": [
                 *         {
                 *           "type": "page_view",
                 *           "anonymousId": "a7Hk29xQ0pLm",
                 *           "occurredAt": 1767225600000,
                 *           "properties": {
                 *             "path": "/products/enamel-mug",
                 *             "referrer": "https://example.com/",
                 *             "title": "Enamel mug"
                 *           }
                 *         },
                 *         {
                 *           "type": "product_view",
                 *           "anonymousId": "a7Hk29xQ0pLm",
                 *           "occurredAt": 1767225600000,
                 *           "properties": {
                 *             "productId": "prd_0mb2x4k7q9"
                 *           }
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["EventBatchBody"];
                "application/xml": components["schemas"]["EventBatchBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `not-acceptable`, `rate-limited`, `event-batch-too-large`, `event-time-out-of-range` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Accepted: record a batch of storefront events (analytics) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "accepted": 0,
                     *       "receivedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["EventBatchView"];
                    "application/xml": components["schemas"]["EventBatchView"];
                };
            };
        };
    };
    getExportsCustomers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: customer accounts as CSV, streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
        };
    };
    getExportsEvents: {
        parameters: {
            query: {
                /** @description First UTC day, inclusive (YYYY-MM-DD) */
                from: string;
                /** @description Last UTC day, inclusive (YYYY-MM-DD) */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `bad-date-range` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: all events of a date range as CSV, streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
        };
    };
    getExportsOrders: {
        parameters: {
            query: {
                /** @description First UTC day, inclusive (YYYY-MM-DD) */
                from: string;
                /** @description Last UTC day, inclusive (YYYY-MM-DD) */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `bad-date-range` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: orders of a date range as CSV, streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
        };
    };
    getHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: liveness: the process is up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["HealthView"];
                    "application/xml": components["schemas"]["HealthView"];
                };
            };
        };
    };
    getMeAddresses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: my address book */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "name": "string",
                     *           "line1": "string",
                     *           "line2": "string",
                     *           "city": "string",
                     *           "postcode": "string",
                     *           "region": "string",
                     *           "country": "string",
                     *           "phone": "string"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["AddressList"];
                    "application/xml": components["schemas"]["AddressList"];
                };
            };
        };
    };
    postMeAddresses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Ada Lovelace",
                 *       "line1": "12 Marlborough Street",
                 *       "line2": null,
                 *       "city": "Dublin",
                 *       "postcode": "D01 X2Y3",
                 *       "region": null,
                 *       "country": "IE",
                 *       "phone": "+353 1 555 0199"
                 *     }
                 */
                "application/json": components["schemas"]["AddressBody"];
                "application/xml": components["schemas"]["AddressBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `not-acceptable`, `rate-limited`, `address-book-full` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Created: add an address */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "name": "string",
                     *       "line1": "string",
                     *       "line2": "string",
                     *       "city": "string",
                     *       "postcode": "string",
                     *       "region": "string",
                     *       "country": "string",
                     *       "phone": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["AddressView"];
                    "application/xml": components["schemas"]["AddressView"];
                };
            };
        };
    };
    getMeAddressesByAddressId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                addressId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `not-acceptable`, `rate-limited`, `address-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: one address */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "name": "string",
                     *       "line1": "string",
                     *       "line2": "string",
                     *       "city": "string",
                     *       "postcode": "string",
                     *       "region": "string",
                     *       "country": "string",
                     *       "phone": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["AddressView"];
                    "application/xml": components["schemas"]["AddressView"];
                };
            };
        };
    };
    putMeAddressesByAddressId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                addressId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Ada Lovelace",
                 *       "line1": "12 Marlborough Street",
                 *       "line2": null,
                 *       "city": "Dublin",
                 *       "postcode": "D01 X2Y3",
                 *       "region": null,
                 *       "country": "IE",
                 *       "phone": "+353 1 555 0199"
                 *     }
                 */
                "application/json": components["schemas"]["AddressBody"];
                "application/xml": components["schemas"]["AddressBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `not-acceptable`, `rate-limited`, `address-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: replace an address */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "name": "string",
                     *       "line1": "string",
                     *       "line2": "string",
                     *       "city": "string",
                     *       "postcode": "string",
                     *       "region": "string",
                     *       "country": "string",
                     *       "phone": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["AddressView"];
                    "application/xml": components["schemas"]["AddressView"];
                };
            };
        };
    };
    deleteMeAddressesByAddressId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                addressId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `not-acceptable`, `rate-limited`, `address-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description No content: delete an address */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getMeOrders: {
        parameters: {
            query?: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: my orders, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "status": "pending",
                     *           "email": "string",
                     *           "currency": "EUR",
                     *           "total": 1999,
                     *           "amountRefunded": 1999,
                     *           "itemCount": 0,
                     *           "createdAt": 1767225600000
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["OrderList"];
                    "application/xml": components["schemas"]["OrderList"];
                };
            };
        };
    };
    getMeOrdersByOrderId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `not-acceptable`, `rate-limited`, `order-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: one of my orders */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ord_0mb2x5a9cd",
                     *       "status": "paid",
                     *       "email": "ada@example.com",
                     *       "customerId": "usr_0mb2x0q3ff",
                     *       "currency": "EUR",
                     *       "lines": [
                     *         {
                     *           "variantId": "var_0mb2x4k7qa",
                     *           "sku": "MUG-ENAMEL-WHT",
                     *           "title": "Enamel mug, white",
                     *           "unitPrice": 1250,
                     *           "quantity": 2,
                     *           "discount": 0,
                     *           "tax": 468,
                     *           "total": 2500
                     *         }
                     *       ],
                     *       "subtotal": 2500,
                     *       "discount": 0,
                     *       "discountCode": null,
                     *       "shipping": 500,
                     *       "shippingMethod": {
                     *         "id": "shm_0mb2x3v8kd",
                     *         "name": "Standard"
                     *       },
                     *       "tax": 468,
                     *       "taxIncluded": true,
                     *       "total": 3000,
                     *       "amountRefunded": 0,
                     *       "shippingAddress": {
                     *         "name": "Ada Lovelace",
                     *         "line1": "12 Marlborough Street",
                     *         "line2": null,
                     *         "city": "Dublin",
                     *         "postcode": "D01 X2Y3",
                     *         "region": null,
                     *         "country": "IE",
                     *         "phone": "+353 1 555 0199"
                     *       },
                     *       "paymentId": "pay_0mb2x5a9ce",
                     *       "paymentStatus": "authorized",
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000,
                     *       "history": [
                     *         {
                     *           "from": null,
                     *           "to": "pending",
                     *           "event": "place",
                     *           "amount": null,
                     *           "at": 1767225600000
                     *         },
                     *         {
                     *           "from": "pending",
                     *           "to": "paid",
                     *           "event": "pay",
                     *           "amount": 3000,
                     *           "at": 1767225600000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["OrderView"];
                    "application/xml": components["schemas"]["OrderView"];
                };
            };
        };
    };
    getMePersonalData: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `not-acceptable`, `rate-limited`, `subject-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: download everything held about me (JSON) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "generatedAt": 1767225600000,
                     *       "subject": {
                     *         "userId": "prd_0mb2x4k7q9",
                     *         "email": "string"
                     *       },
                     *       "sections": {
                     *         "property1": null,
                     *         "property2": null
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["PersonalDataView"];
                };
            };
        };
    };
    postMePersonalDataErasure: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "password": "x"
                 *     }
                 */
                "application/json": components["schemas"]["ErasureBody"];
                "application/xml": components["schemas"]["ErasureBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `not-acceptable`, `rate-limited`, `subject-not-found`, `too-many-attempts`, `user-not-found`, `wrong-password` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: erase my account and personal data (orders are kept without it) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "erased": true,
                     *       "at": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["ErasureView"];
                    "application/xml": components["schemas"]["ErasureView"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Prometheus text exposition format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    getOrders: {
        parameters: {
            query?: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                cursor?: string;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                customerId?: string;
                /**
                 * @description Milliseconds since 1970-01-01T00:00:00Z
                 * @example 1767225600000
                 */
                from?: number;
                limit?: number;
                /** @description An email, or an order id */
                q?: string;
                status?: "pending" | "paid" | "fulfilled" | "delivered" | "cancelled" | "refunded" | "partially_refunded";
                /**
                 * @description Milliseconds since 1970-01-01T00:00:00Z
                 * @example 1767225600000
                 */
                to?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: list and search orders (staff) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "status": "pending",
                     *           "email": "string",
                     *           "currency": "EUR",
                     *           "total": 1999,
                     *           "amountRefunded": 1999,
                     *           "itemCount": 0,
                     *           "createdAt": 1767225600000
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["OrderList"];
                    "application/xml": components["schemas"]["OrderList"];
                };
            };
        };
    };
    getOrdersByOrderId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `order-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: one order (staff) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ord_0mb2x5a9cd",
                     *       "status": "paid",
                     *       "email": "ada@example.com",
                     *       "customerId": "usr_0mb2x0q3ff",
                     *       "currency": "EUR",
                     *       "lines": [
                     *         {
                     *           "variantId": "var_0mb2x4k7qa",
                     *           "sku": "MUG-ENAMEL-WHT",
                     *           "title": "Enamel mug, white",
                     *           "unitPrice": 1250,
                     *           "quantity": 2,
                     *           "discount": 0,
                     *           "tax": 468,
                     *           "total": 2500
                     *         }
                     *       ],
                     *       "subtotal": 2500,
                     *       "discount": 0,
                     *       "discountCode": null,
                     *       "shipping": 500,
                     *       "shippingMethod": {
                     *         "id": "shm_0mb2x3v8kd",
                     *         "name": "Standard"
                     *       },
                     *       "tax": 468,
                     *       "taxIncluded": true,
                     *       "total": 3000,
                     *       "amountRefunded": 0,
                     *       "shippingAddress": {
                     *         "name": "Ada Lovelace",
                     *         "line1": "12 Marlborough Street",
                     *         "line2": null,
                     *         "city": "Dublin",
                     *         "postcode": "D01 X2Y3",
                     *         "region": null,
                     *         "country": "IE",
                     *         "phone": "+353 1 555 0199"
                     *       },
                     *       "paymentId": "pay_0mb2x5a9ce",
                     *       "paymentStatus": "authorized",
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000,
                     *       "history": [
                     *         {
                     *           "from": null,
                     *           "to": "pending",
                     *           "event": "place",
                     *           "amount": null,
                     *           "at": 1767225600000
                     *         },
                     *         {
                     *           "from": "pending",
                     *           "to": "paid",
                     *           "event": "pay",
                     *           "amount": 3000,
                     *           "at": 1767225600000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["OrderView"];
                    "application/xml": components["schemas"]["OrderView"];
                };
            };
        };
    };
    postOrdersByOrderIdCancel: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Retrying with the same key (1 to 255 printable ASCII characters, kept 24 hours) replays the first response, with `Idempotent-Replayed: true`, instead of repeating the effect (docs/CHECKOUT.md, "Idempotency").
                 * @example 7d3f0b0e-5c1a-4a55-9a0e-3f7d1c2b9a10
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `idempotency-key-invalid`, `idempotency-key-reused`, `idempotency-key-in-use`, `not-acceptable`, `rate-limited`, `illegal-order-transition`, `order-changed`, `order-not-found`, `order-refunded-not-cancelled`, `payment-not-found`, `payment-not-voidable`, `payment-provider-error`, `refund-exceeds-captured`, `refund-in-progress` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: cancel an unfulfilled order, put its stock back, and void or refund its payment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ord_0mb2x5a9cd",
                     *       "status": "paid",
                     *       "email": "ada@example.com",
                     *       "customerId": "usr_0mb2x0q3ff",
                     *       "currency": "EUR",
                     *       "lines": [
                     *         {
                     *           "variantId": "var_0mb2x4k7qa",
                     *           "sku": "MUG-ENAMEL-WHT",
                     *           "title": "Enamel mug, white",
                     *           "unitPrice": 1250,
                     *           "quantity": 2,
                     *           "discount": 0,
                     *           "tax": 468,
                     *           "total": 2500
                     *         }
                     *       ],
                     *       "subtotal": 2500,
                     *       "discount": 0,
                     *       "discountCode": null,
                     *       "shipping": 500,
                     *       "shippingMethod": {
                     *         "id": "shm_0mb2x3v8kd",
                     *         "name": "Standard"
                     *       },
                     *       "tax": 468,
                     *       "taxIncluded": true,
                     *       "total": 3000,
                     *       "amountRefunded": 0,
                     *       "shippingAddress": {
                     *         "name": "Ada Lovelace",
                     *         "line1": "12 Marlborough Street",
                     *         "line2": null,
                     *         "city": "Dublin",
                     *         "postcode": "D01 X2Y3",
                     *         "region": null,
                     *         "country": "IE",
                     *         "phone": "+353 1 555 0199"
                     *       },
                     *       "paymentId": "pay_0mb2x5a9ce",
                     *       "paymentStatus": "authorized",
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000,
                     *       "history": [
                     *         {
                     *           "from": null,
                     *           "to": "pending",
                     *           "event": "place",
                     *           "amount": null,
                     *           "at": 1767225600000
                     *         },
                     *         {
                     *           "from": "pending",
                     *           "to": "paid",
                     *           "event": "pay",
                     *           "amount": 3000,
                     *           "at": 1767225600000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["OrderView"];
                    "application/xml": components["schemas"]["OrderView"];
                };
            };
        };
    };
    postOrdersByOrderIdCapture: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Retrying with the same key (1 to 255 printable ASCII characters, kept 24 hours) replays the first response, with `Idempotent-Replayed: true`, instead of repeating the effect (docs/CHECKOUT.md, "Idempotency").
                 * @example 7d3f0b0e-5c1a-4a55-9a0e-3f7d1c2b9a10
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `idempotency-key-invalid`, `idempotency-key-reused`, `idempotency-key-in-use`, `not-acceptable`, `rate-limited`, `order-not-found`, `order-not-paid`, `payment-not-capturable`, `payment-not-found`, `payment-provider-error` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: capture the order's authorized payment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ord_0mb2x5a9cd",
                     *       "status": "paid",
                     *       "email": "ada@example.com",
                     *       "customerId": "usr_0mb2x0q3ff",
                     *       "currency": "EUR",
                     *       "lines": [
                     *         {
                     *           "variantId": "var_0mb2x4k7qa",
                     *           "sku": "MUG-ENAMEL-WHT",
                     *           "title": "Enamel mug, white",
                     *           "unitPrice": 1250,
                     *           "quantity": 2,
                     *           "discount": 0,
                     *           "tax": 468,
                     *           "total": 2500
                     *         }
                     *       ],
                     *       "subtotal": 2500,
                     *       "discount": 0,
                     *       "discountCode": null,
                     *       "shipping": 500,
                     *       "shippingMethod": {
                     *         "id": "shm_0mb2x3v8kd",
                     *         "name": "Standard"
                     *       },
                     *       "tax": 468,
                     *       "taxIncluded": true,
                     *       "total": 3000,
                     *       "amountRefunded": 0,
                     *       "shippingAddress": {
                     *         "name": "Ada Lovelace",
                     *         "line1": "12 Marlborough Street",
                     *         "line2": null,
                     *         "city": "Dublin",
                     *         "postcode": "D01 X2Y3",
                     *         "region": null,
                     *         "country": "IE",
                     *         "phone": "+353 1 555 0199"
                     *       },
                     *       "paymentId": "pay_0mb2x5a9ce",
                     *       "paymentStatus": "authorized",
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000,
                     *       "history": [
                     *         {
                     *           "from": null,
                     *           "to": "pending",
                     *           "event": "place",
                     *           "amount": null,
                     *           "at": 1767225600000
                     *         },
                     *         {
                     *           "from": "pending",
                     *           "to": "paid",
                     *           "event": "pay",
                     *           "amount": 3000,
                     *           "at": 1767225600000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["OrderView"];
                    "application/xml": components["schemas"]["OrderView"];
                };
            };
        };
    };
    postOrdersByOrderIdDeliver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `illegal-order-transition`, `order-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: mark the order delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ord_0mb2x5a9cd",
                     *       "status": "paid",
                     *       "email": "ada@example.com",
                     *       "customerId": "usr_0mb2x0q3ff",
                     *       "currency": "EUR",
                     *       "lines": [
                     *         {
                     *           "variantId": "var_0mb2x4k7qa",
                     *           "sku": "MUG-ENAMEL-WHT",
                     *           "title": "Enamel mug, white",
                     *           "unitPrice": 1250,
                     *           "quantity": 2,
                     *           "discount": 0,
                     *           "tax": 468,
                     *           "total": 2500
                     *         }
                     *       ],
                     *       "subtotal": 2500,
                     *       "discount": 0,
                     *       "discountCode": null,
                     *       "shipping": 500,
                     *       "shippingMethod": {
                     *         "id": "shm_0mb2x3v8kd",
                     *         "name": "Standard"
                     *       },
                     *       "tax": 468,
                     *       "taxIncluded": true,
                     *       "total": 3000,
                     *       "amountRefunded": 0,
                     *       "shippingAddress": {
                     *         "name": "Ada Lovelace",
                     *         "line1": "12 Marlborough Street",
                     *         "line2": null,
                     *         "city": "Dublin",
                     *         "postcode": "D01 X2Y3",
                     *         "region": null,
                     *         "country": "IE",
                     *         "phone": "+353 1 555 0199"
                     *       },
                     *       "paymentId": "pay_0mb2x5a9ce",
                     *       "paymentStatus": "authorized",
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000,
                     *       "history": [
                     *         {
                     *           "from": null,
                     *           "to": "pending",
                     *           "event": "place",
                     *           "amount": null,
                     *           "at": 1767225600000
                     *         },
                     *         {
                     *           "from": "pending",
                     *           "to": "paid",
                     *           "event": "pay",
                     *           "amount": 3000,
                     *           "at": 1767225600000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["OrderView"];
                    "application/xml": components["schemas"]["OrderView"];
                };
            };
        };
    };
    postOrdersByOrderIdFulfil: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `illegal-order-transition`, `order-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: mark the order fulfilled (shipped) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ord_0mb2x5a9cd",
                     *       "status": "paid",
                     *       "email": "ada@example.com",
                     *       "customerId": "usr_0mb2x0q3ff",
                     *       "currency": "EUR",
                     *       "lines": [
                     *         {
                     *           "variantId": "var_0mb2x4k7qa",
                     *           "sku": "MUG-ENAMEL-WHT",
                     *           "title": "Enamel mug, white",
                     *           "unitPrice": 1250,
                     *           "quantity": 2,
                     *           "discount": 0,
                     *           "tax": 468,
                     *           "total": 2500
                     *         }
                     *       ],
                     *       "subtotal": 2500,
                     *       "discount": 0,
                     *       "discountCode": null,
                     *       "shipping": 500,
                     *       "shippingMethod": {
                     *         "id": "shm_0mb2x3v8kd",
                     *         "name": "Standard"
                     *       },
                     *       "tax": 468,
                     *       "taxIncluded": true,
                     *       "total": 3000,
                     *       "amountRefunded": 0,
                     *       "shippingAddress": {
                     *         "name": "Ada Lovelace",
                     *         "line1": "12 Marlborough Street",
                     *         "line2": null,
                     *         "city": "Dublin",
                     *         "postcode": "D01 X2Y3",
                     *         "region": null,
                     *         "country": "IE",
                     *         "phone": "+353 1 555 0199"
                     *       },
                     *       "paymentId": "pay_0mb2x5a9ce",
                     *       "paymentStatus": "authorized",
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000,
                     *       "history": [
                     *         {
                     *           "from": null,
                     *           "to": "pending",
                     *           "event": "place",
                     *           "amount": null,
                     *           "at": 1767225600000
                     *         },
                     *         {
                     *           "from": "pending",
                     *           "to": "paid",
                     *           "event": "pay",
                     *           "amount": 3000,
                     *           "at": 1767225600000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["OrderView"];
                    "application/xml": components["schemas"]["OrderView"];
                };
            };
        };
    };
    postOrdersByOrderIdRefunds: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Retrying with the same key (1 to 255 printable ASCII characters, kept 24 hours) replays the first response, with `Idempotent-Replayed: true`, instead of repeating the effect (docs/CHECKOUT.md, "Idempotency").
                 * @example 7d3f0b0e-5c1a-4a55-9a0e-3f7d1c2b9a10
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": 1,
                 *       "reason": ""
                 *     }
                 */
                "application/json": components["schemas"]["OrderRefundBody"];
                "application/xml": components["schemas"]["OrderRefundBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `idempotency-key-invalid`, `idempotency-key-reused`, `idempotency-key-in-use`, `not-acceptable`, `rate-limited`, `order-changed`, `order-not-found`, `order-not-paid`, `payment-not-found`, `payment-provider-error`, `refund-exceeds-captured` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: refund part or all of what was captured */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ord_0mb2x5a9cd",
                     *       "status": "paid",
                     *       "email": "ada@example.com",
                     *       "customerId": "usr_0mb2x0q3ff",
                     *       "currency": "EUR",
                     *       "lines": [
                     *         {
                     *           "variantId": "var_0mb2x4k7qa",
                     *           "sku": "MUG-ENAMEL-WHT",
                     *           "title": "Enamel mug, white",
                     *           "unitPrice": 1250,
                     *           "quantity": 2,
                     *           "discount": 0,
                     *           "tax": 468,
                     *           "total": 2500
                     *         }
                     *       ],
                     *       "subtotal": 2500,
                     *       "discount": 0,
                     *       "discountCode": null,
                     *       "shipping": 500,
                     *       "shippingMethod": {
                     *         "id": "shm_0mb2x3v8kd",
                     *         "name": "Standard"
                     *       },
                     *       "tax": 468,
                     *       "taxIncluded": true,
                     *       "total": 3000,
                     *       "amountRefunded": 0,
                     *       "shippingAddress": {
                     *         "name": "Ada Lovelace",
                     *         "line1": "12 Marlborough Street",
                     *         "line2": null,
                     *         "city": "Dublin",
                     *         "postcode": "D01 X2Y3",
                     *         "region": null,
                     *         "country": "IE",
                     *         "phone": "+353 1 555 0199"
                     *       },
                     *       "paymentId": "pay_0mb2x5a9ce",
                     *       "paymentStatus": "authorized",
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000,
                     *       "history": [
                     *         {
                     *           "from": null,
                     *           "to": "pending",
                     *           "event": "place",
                     *           "amount": null,
                     *           "at": 1767225600000
                     *         },
                     *         {
                     *           "from": "pending",
                     *           "to": "paid",
                     *           "event": "pay",
                     *           "amount": 3000,
                     *           "at": 1767225600000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["OrderView"];
                    "application/xml": components["schemas"]["OrderView"];
                };
            };
        };
    };
    getPaymentsByPaymentId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                paymentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `payment-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: a payment and its ledger */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "provider": "string",
                     *       "status": "string",
                     *       "currency": "EUR",
                     *       "amount": 1999,
                     *       "amountCaptured": 1999,
                     *       "amountRefunded": 1999,
                     *       "refundable": 1999,
                     *       "card": {
                     *         "brand": "string",
                     *         "last4": "string"
                     *       },
                     *       "failureCode": "string",
                     *       "orderId": "string",
                     *       "transactions": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "kind": "string",
                     *           "amount": 1999,
                     *           "reference": "string",
                     *           "createdAt": 1767225600000
                     *         }
                     *       ],
                     *       "refunds": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "amount": 1999,
                     *           "status": "string",
                     *           "reference": "string",
                     *           "attempts": 0,
                     *           "createdAt": 1767225600000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["PaymentView"];
                    "application/xml": components["schemas"]["PaymentView"];
                };
            };
        };
    };
    postPaymentsByPaymentIdCapture: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Retrying with the same key (1 to 255 printable ASCII characters, kept 24 hours) replays the first response, with `Idempotent-Replayed: true`, instead of repeating the effect (docs/CHECKOUT.md, "Idempotency").
                 * @example 7d3f0b0e-5c1a-4a55-9a0e-3f7d1c2b9a10
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                paymentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": 1
                 *     }
                 */
                "application/json": components["schemas"]["CaptureBody"];
                "application/xml": components["schemas"]["CaptureBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `idempotency-key-invalid`, `idempotency-key-reused`, `idempotency-key-in-use`, `not-acceptable`, `rate-limited`, `payment-not-capturable`, `payment-not-found`, `payment-provider-error` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: capture an authorized payment (Idempotency-Key honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "provider": "string",
                     *       "status": "string",
                     *       "currency": "EUR",
                     *       "amount": 1999,
                     *       "amountCaptured": 1999,
                     *       "amountRefunded": 1999,
                     *       "refundable": 1999,
                     *       "card": {
                     *         "brand": "string",
                     *         "last4": "string"
                     *       },
                     *       "failureCode": "string",
                     *       "orderId": "string",
                     *       "transactions": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "kind": "string",
                     *           "amount": 1999,
                     *           "reference": "string",
                     *           "createdAt": 1767225600000
                     *         }
                     *       ],
                     *       "refunds": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "amount": 1999,
                     *           "status": "string",
                     *           "reference": "string",
                     *           "attempts": 0,
                     *           "createdAt": 1767225600000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["PaymentView"];
                    "application/xml": components["schemas"]["PaymentView"];
                };
            };
        };
    };
    postPaymentsByPaymentIdRefunds: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Retrying with the same key (1 to 255 printable ASCII characters, kept 24 hours) replays the first response, with `Idempotent-Replayed: true`, instead of repeating the effect (docs/CHECKOUT.md, "Idempotency").
                 * @example 7d3f0b0e-5c1a-4a55-9a0e-3f7d1c2b9a10
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                paymentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": 1
                 *     }
                 */
                "application/json": components["schemas"]["RefundBody"];
                "application/xml": components["schemas"]["RefundBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `idempotency-key-invalid`, `idempotency-key-reused`, `idempotency-key-in-use`, `not-acceptable`, `rate-limited`, `payment-not-found`, `payment-provider-error`, `refund-exceeds-captured` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: refund part or all of a captured payment (Idempotency-Key honoured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "provider": "string",
                     *       "status": "string",
                     *       "currency": "EUR",
                     *       "amount": 1999,
                     *       "amountCaptured": 1999,
                     *       "amountRefunded": 1999,
                     *       "refundable": 1999,
                     *       "card": {
                     *         "brand": "string",
                     *         "last4": "string"
                     *       },
                     *       "failureCode": "string",
                     *       "orderId": "string",
                     *       "transactions": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "kind": "string",
                     *           "amount": 1999,
                     *           "reference": "string",
                     *           "createdAt": 1767225600000
                     *         }
                     *       ],
                     *       "refunds": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "amount": 1999,
                     *           "status": "string",
                     *           "reference": "string",
                     *           "attempts": 0,
                     *           "createdAt": 1767225600000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["PaymentView"];
                    "application/xml": components["schemas"]["PaymentView"];
                };
            };
        };
    };
    postPaymentsTestCards: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "cardNumber": "000000000000",
                 *       "expMonth": 1,
                 *       "expYear": 2000,
                 *       "cvc": "000",
                 *       "cardHolder": "x"
                 *     }
                 */
                "application/json": components["schemas"]["CardBody"];
                "application/xml": components["schemas"]["CardBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `not-acceptable`, `rate-limited`, `card-cvc-invalid`, `card-expired`, `card-number-invalid` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Created: tokenize a card with the built-in test processor */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "token": "string",
                     *       "brand": "string",
                     *       "last4": "string",
                     *       "expMonth": 0,
                     *       "expYear": 0
                     *     }
                     */
                    "application/json": components["schemas"]["CardTokenView"];
                    "application/xml": components["schemas"]["CardTokenView"];
                };
            };
        };
    };
    postPaymentsWebhooksTest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: the configured provider's webhook (signature verified) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "received": true
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookAck"];
                    "application/xml": components["schemas"]["WebhookAck"];
                };
            };
        };
    };
    getProblems: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: every problem type this API answers with */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "code": "string",
                     *           "type": "string",
                     *           "title": "string",
                     *           "description": "string"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ProblemTypeList"];
                    "application/xml": components["schemas"]["ProblemTypeList"];
                };
            };
        };
    };
    getProblemsByCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `not-acceptable`, `rate-limited`, `problem-type-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: one problem type (the target of a problem document's `type`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "code": "string",
                     *       "type": "string",
                     *       "title": "string",
                     *       "description": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["ProblemTypeView"];
                    "application/xml": components["schemas"]["ProblemTypeView"];
                };
            };
        };
    };
    getReadyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `not-acceptable`, `rate-limited`, `database-unreachable` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: readiness: the database answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ready",
                     *       "database": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["ReadyView"];
                    "application/xml": components["schemas"]["ReadyView"];
                };
            };
        };
    };
    getReportsEventsVolume: {
        parameters: {
            query: {
                /** @description First UTC day, inclusive (YYYY-MM-DD) */
                from: string;
                granularity?: "day" | "week";
                /** @description Last UTC day, inclusive (YYYY-MM-DD) */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `bad-date-range` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: event volume per day or week, by type, with explicit zero buckets */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "from": "2019-08-24",
                     *       "to": "2019-08-24",
                     *       "granularity": "day",
                     *       "points": [
                     *         {
                     *           "date": "2019-08-24",
                     *           "total": 0,
                     *           "page_view": 0,
                     *           "product_view": 0,
                     *           "search": 0,
                     *           "add_to_cart": 0,
                     *           "checkout_started": 0,
                     *           "order_placed": 0
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["VolumeView"];
                    "application/xml": components["schemas"]["VolumeView"];
                    "text/csv": string;
                };
            };
        };
    };
    getReportsFunnel: {
        parameters: {
            query: {
                /** @description First UTC day, inclusive (YYYY-MM-DD) */
                from: string;
                /** @description Last UTC day, inclusive (YYYY-MM-DD) */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `bad-date-range` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: funnel: product view → add to cart → checkout started → order placed (distinct visitors) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "from": "2019-08-24",
                     *       "to": "2019-08-24",
                     *       "steps": [
                     *         {
                     *           "step": "product_view",
                     *           "visitors": 0,
                     *           "reached": 0,
                     *           "conversion": 0
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["FunnelView"];
                    "application/xml": components["schemas"]["FunnelView"];
                    "text/csv": string;
                };
            };
        };
    };
    getReportsLowStock: {
        parameters: {
            query?: {
                limit?: number;
                threshold?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: variants at or below a stock threshold */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "threshold": 0,
                     *       "items": [
                     *         {
                     *           "variantId": "prd_0mb2x4k7q9",
                     *           "sku": "string",
                     *           "productId": "prd_0mb2x4k7q9",
                     *           "title": "string",
                     *           "status": "string",
                     *           "stock": 0
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["LowStockView"];
                    "application/xml": components["schemas"]["LowStockView"];
                    "text/csv": string;
                };
            };
        };
    };
    getReportsSales: {
        parameters: {
            query: {
                /** @description First UTC day, inclusive (YYYY-MM-DD) */
                from: string;
                granularity?: "day" | "week";
                /** @description Last UTC day, inclusive (YYYY-MM-DD) */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `bad-date-range` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: sales per currency by day or week: orders, revenue, refunds, net and average order value */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "from": "string",
                     *       "to": "string",
                     *       "granularity": "day",
                     *       "currencies": [
                     *         {
                     *           "currency": "EUR",
                     *           "totals": {
                     *             "orders": 0,
                     *             "revenue": 1999,
                     *             "refunded": 1999,
                     *             "net": 1999,
                     *             "averageOrderValue": 1999
                     *           },
                     *           "points": [
                     *             {
                     *               "date": "string",
                     *               "orders": 0,
                     *               "revenue": 1999,
                     *               "refunded": 1999,
                     *               "net": 1999,
                     *               "averageOrderValue": 1999
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SalesView"];
                    "application/xml": components["schemas"]["SalesView"];
                    "text/csv": string;
                };
            };
        };
    };
    getReportsSearchesZeroResults: {
        parameters: {
            query: {
                /** @description First UTC day, inclusive (YYYY-MM-DD) */
                from: string;
                limit?: number;
                /** @description Last UTC day, inclusive (YYYY-MM-DD) */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `bad-date-range` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: searches that returned nothing: query, count, last seen */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "from": "2019-08-24",
                     *       "to": "2019-08-24",
                     *       "items": [
                     *         {
                     *           "query": "string",
                     *           "count": 0,
                     *           "lastSeenAt": 1767225600000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ZeroResultView"];
                    "application/xml": components["schemas"]["ZeroResultView"];
                    "text/csv": string;
                };
            };
        };
    };
    getReportsTopProducts: {
        parameters: {
            query: {
                by?: "revenue" | "units";
                /** @description First UTC day, inclusive (YYYY-MM-DD) */
                from: string;
                limit?: number;
                /** @description Last UTC day, inclusive (YYYY-MM-DD) */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `bad-date-range` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: best sellers by revenue or units, per currency */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "from": "string",
                     *       "to": "string",
                     *       "by": "string",
                     *       "items": [
                     *         {
                     *           "sku": "string",
                     *           "title": "string",
                     *           "currency": "EUR",
                     *           "units": 0,
                     *           "revenue": 1999
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["TopProductsView"];
                    "application/xml": components["schemas"]["TopProductsView"];
                    "text/csv": string;
                };
            };
        };
    };
    getStoreCategories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: the category tree, depth first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "handle": "string",
                     *           "name": "string",
                     *           "parentId": "prd_0mb2x4k7q9",
                     *           "depth": 0,
                     *           "position": 0
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["CategoryList"];
                    "application/xml": components["schemas"]["CategoryList"];
                };
            };
        };
    };
    getStoreProducts: {
        parameters: {
            query?: {
                /** @description Category id or handle; descendants included */
                category?: string;
                /**
                 * @description ISO 4217 currency code
                 * @example EUR
                 */
                currency?: string;
                cursor?: string;
                inStock?: boolean;
                limit?: number;
                maxPrice?: number;
                minPrice?: number;
                /** @description name:value, e.g. size:M; values of one name are alternatives */
                option?: string[];
                q?: string;
                sort?: "relevance" | "newest" | "name" | "price" | "-price";
                tag?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `not-acceptable`, `rate-limited`, `invalid-cursor` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: published products: filter by category (with descendants), price, stock, options, tags; sort; cursor pages */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "handle": "string",
                     *           "title": "string",
                     *           "image": {
                     *             "url": "string",
                     *             "alt": "string"
                     *           },
                     *           "price": {
                     *             "currency": "EUR",
                     *             "amount": 1999
                     *           },
                     *           "inStock": true,
                     *           "highlights": {
                     *             "title": "string",
                     *             "description": "string"
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["ProductPage"];
                    "application/xml": components["schemas"]["ProductPage"];
                };
            };
        };
    };
    getStoreProductsByHandle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example linen-shirt */
                handle: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `not-acceptable`, `rate-limited`, `product-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: a published product by handle */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "handle": "enamel-mug",
                     *       "title": "Enamel mug",
                     *       "description": "A 350 ml enamel mug that survives the campsite.",
                     *       "attributes": {
                     *         "material": "enamel",
                     *         "dishwasherSafe": true
                     *       },
                     *       "tags": [
                     *         "kitchen",
                     *         "outdoor"
                     *       ],
                     *       "categories": [
                     *         {
                     *           "id": "cat_0mb2x1c0aa",
                     *           "handle": "kitchen",
                     *           "name": "Kitchen"
                     *         }
                     *       ],
                     *       "images": [
                     *         {
                     *           "url": "https://cdn.example.org/mug-white.jpg",
                     *           "alt": "A white enamel mug"
                     *         }
                     *       ],
                     *       "variants": [
                     *         {
                     *           "id": "var_0mb2x4k7qa",
                     *           "sku": "MUG-ENAMEL-WHT",
                     *           "title": "White",
                     *           "options": {
                     *             "colour": "white"
                     *           },
                     *           "prices": [
                     *             {
                     *               "currency": "EUR",
                     *               "amount": 1250,
                     *               "compareAt": 1500
                     *             }
                     *           ],
                     *           "weightGrams": 350
                     *         }
                     *       ],
                     *       "publishedAt": 1767225600000,
                     *       "updatedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["ProductView"];
                    "application/xml": components["schemas"]["ProductView"];
                };
            };
            /** @description Not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getStoreProductsByHandleAvailability: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example linen-shirt */
                handle: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `not-acceptable`, `rate-limited`, `product-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: live stock of a published product */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "variants": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "sku": "string",
                     *           "stock": 0,
                     *           "inStock": true
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["AvailabilityView"];
                    "application/xml": components["schemas"]["AvailabilityView"];
                };
            };
        };
    };
    getStoreSearch: {
        parameters: {
            query?: {
                /** @description Category id or handle; descendants included */
                category?: string;
                /**
                 * @description ISO 4217 currency code
                 * @example EUR
                 */
                currency?: string;
                cursor?: string;
                inStock?: boolean;
                limit?: number;
                maxPrice?: number;
                minPrice?: number;
                /** @description name:value, e.g. size:M; values of one name are alternatives */
                option?: string[];
                q?: string;
                sort?: "relevance" | "newest" | "name" | "price" | "-price";
                tag?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `not-acceptable`, `rate-limited`, `invalid-cursor` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: ranked, typo-tolerant search with the same filters, highlights and facet counts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "handle": "string",
                     *           "title": "string",
                     *           "image": {
                     *             "url": "string",
                     *             "alt": "string"
                     *           },
                     *           "price": {
                     *             "currency": "EUR",
                     *             "amount": 1999
                     *           },
                     *           "inStock": true,
                     *           "highlights": {
                     *             "title": "string",
                     *             "description": "string"
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": "string",
                     *       "total": 0,
                     *       "facets": {
                     *         "categories": [
                     *           {
                     *             "id": "prd_0mb2x4k7q9",
                     *             "handle": "string",
                     *             "name": "string",
                     *             "count": 0
                     *           }
                     *         ],
                     *         "prices": [
                     *           {
                     *             "min": 1999,
                     *             "max": 1999,
                     *             "count": 0
                     *           }
                     *         ],
                     *         "options": [
                     *           {
                     *             "name": "string",
                     *             "value": "string",
                     *             "count": 0
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["SearchResult"];
                    "application/xml": components["schemas"]["SearchResult"];
                };
            };
        };
    };
    getWebhooksEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: list webhook endpoints */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "url": "string",
                     *           "events": [
                     *             "order.paid"
                     *           ],
                     *           "enabled": true,
                     *           "description": "string",
                     *           "consecutiveFailures": 0,
                     *           "failingSince": 1767225600000,
                     *           "disabledReason": "string",
                     *           "createdAt": 1767225600000,
                     *           "updatedAt": 1767225600000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["EndpointList"];
                    "application/xml": components["schemas"]["EndpointList"];
                };
            };
        };
    };
    postWebhooksEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://shop.example.com/hooks/backroom",
                 *       "events": [
                 *         "order.paid",
                 *         "order.refunded"
                 *       ],
                 *       "description": "Fulfilment service"
                 *     }
                 */
                "application/json": components["schemas"]["EndpointBody"];
                "application/xml": components["schemas"]["EndpointBody"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `webhook-url-not-allowed` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Created: register a webhook endpoint (the answer holds its signing secret) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "url": "string",
                     *       "events": [
                     *         "order.paid"
                     *       ],
                     *       "enabled": true,
                     *       "description": "string",
                     *       "consecutiveFailures": 0,
                     *       "failingSince": 1767225600000,
                     *       "disabledReason": "string",
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000,
                     *       "secret": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["EndpointWithSecretView"];
                    "application/xml": components["schemas"]["EndpointWithSecretView"];
                };
            };
        };
    };
    getWebhooksEndpointsByEndpointId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `webhook-endpoint-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: one webhook endpoint */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "url": "string",
                     *       "events": [
                     *         "order.paid"
                     *       ],
                     *       "enabled": true,
                     *       "description": "string",
                     *       "consecutiveFailures": 0,
                     *       "failingSince": 1767225600000,
                     *       "disabledReason": "string",
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["EndpointView"];
                    "application/xml": components["schemas"]["EndpointView"];
                };
            };
        };
    };
    deleteWebhooksEndpointsByEndpointId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `webhook-endpoint-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    patchWebhooksEndpointsByEndpointId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "enabled": true
                 *     }
                 */
                "application/json": components["schemas"]["EndpointPatch"];
                "application/xml": components["schemas"]["EndpointPatch"];
            };
        };
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `malformed-body`, `unsupported-media-type`, `payload-too-large`, `xml-dtd-forbidden`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `webhook-endpoint-not-found`, `webhook-url-not-allowed` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: change a webhook endpoint (URL, events, enabled, description) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "url": "string",
                     *       "events": [
                     *         "order.paid"
                     *       ],
                     *       "enabled": true,
                     *       "description": "string",
                     *       "consecutiveFailures": 0,
                     *       "failingSince": 1767225600000,
                     *       "disabledReason": "string",
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["EndpointView"];
                    "application/xml": components["schemas"]["EndpointView"];
                };
            };
        };
    };
    getWebhooksEndpointsByEndpointIdAttempts: {
        parameters: {
            query?: {
                cursor?: string;
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                deliveryId?: string;
                limit?: number;
            };
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `webhook-endpoint-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: an endpoint's delivery attempts (status code, duration, error), newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "deliveryId": "prd_0mb2x4k7q9",
                     *           "attempt": 0,
                     *           "startedAt": 1767225600000,
                     *           "durationMs": 0,
                     *           "statusCode": 0,
                     *           "error": "string",
                     *           "ok": true
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["AttemptPage"];
                    "application/xml": components["schemas"]["AttemptPage"];
                };
            };
        };
    };
    getWebhooksEndpointsByEndpointIdDeliveries: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `webhook-endpoint-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: an endpoint's deliveries, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "prd_0mb2x4k7q9",
                     *           "endpointId": "prd_0mb2x4k7q9",
                     *           "eventId": "prd_0mb2x4k7q9",
                     *           "eventType": "order.paid",
                     *           "status": "pending",
                     *           "attempts": 0,
                     *           "nextAttemptAt": 1767225600000,
                     *           "lastStatusCode": 0,
                     *           "lastError": "string",
                     *           "createdAt": 1767225600000,
                     *           "completedAt": 1767225600000
                     *         }
                     *       ],
                     *       "nextCursor": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["DeliveryPage"];
                    "application/xml": components["schemas"]["DeliveryPage"];
                };
            };
        };
    };
    postWebhooksEndpointsByEndpointIdSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Opaque identifier
                 * @example prd_0mb2x4k7q9
                 */
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `validation-failed`, `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited`, `webhook-endpoint-not-found` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: rotate the signing secret (the answer holds the new one) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "prd_0mb2x4k7q9",
                     *       "url": "string",
                     *       "events": [
                     *         "order.paid"
                     *       ],
                     *       "enabled": true,
                     *       "description": "string",
                     *       "consecutiveFailures": 0,
                     *       "failingSince": 1767225600000,
                     *       "disabledReason": "string",
                     *       "createdAt": 1767225600000,
                     *       "updatedAt": 1767225600000,
                     *       "secret": "string"
                     *     }
                     */
                    "application/json": components["schemas"]["EndpointWithSecretView"];
                    "application/xml": components["schemas"]["EndpointWithSecretView"];
                };
            };
        };
    };
    getWebhooksEventTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem document. Codes: `unauthenticated`, `permission-denied`, `not-acceptable`, `rate-limited` (see GET /problems/{code}). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description A problem document: `internal`, `shutting-down`, or a provider being unavailable. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemView"];
                    "application/problem+xml": components["schemas"]["ProblemView"];
                };
            };
            /** @description OK: event types a webhook endpoint can subscribe to */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "type": "order.paid",
                     *           "description": "string"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["EventTypeList"];
                    "application/xml": components["schemas"]["EventTypeList"];
                };
            };
        };
    };
}
