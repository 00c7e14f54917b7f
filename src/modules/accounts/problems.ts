/** Every problem code the accounts module answers with (registered in app.ts). */
export const accountsProblems = {
  'bad-credentials': {
    title: 'Bad credentials',
    description:
      'The email and password do not match an enabled account. Unknown email, wrong password and disabled account are indistinguishable.',
  },
  'invalid-credentials': {
    title: 'Invalid credentials',
    description: 'The session token, cookie or API key is unknown, expired or revoked. Sign in again.',
  },
  'csrf-origin-mismatch': {
    title: 'Cross-site request refused',
    description:
      'A cookie-authenticated request that changes state must come from an allowed Origin (or Referer). Send the session as a bearer token from non-browser clients.',
  },
  'weak-password': {
    title: 'Weak password',
    description: 'The password is too short, too long or too easy to guess (common passwords, patterns, your email).',
  },
  'too-many-attempts': {
    title: 'Too many attempts',
    description:
      'Too many sign-in, reset or MFA attempts for this account or address; retry after Retry-After seconds.',
  },
  'invalid-token': {
    title: 'Invalid or expired token',
    description: 'The verification or reset token is unknown, expired or already used. Ask for a new one.',
  },
  'invalid-mfa-code': {
    title: 'Invalid MFA code',
    description:
      'The authenticator code is wrong, outside the time window or already used, or the recovery code is unknown or used.',
  },
  'mfa-challenge-expired': {
    title: 'MFA challenge expired',
    description:
      'The second sign-in step took too long or had too many wrong codes; sign in again with email and password.',
  },
  'mfa-already-enabled': {
    title: 'MFA already enabled',
    description: 'Disable multi-factor login before enrolling again.',
  },
  'mfa-not-enrolled': {
    title: 'No MFA enrolment in progress',
    description: 'Start enrolment (POST /auth/mfa/totp) before confirming it.',
  },
  'mfa-not-enabled': { title: 'MFA not enabled', description: 'Multi-factor login is not enabled for this account.' },
  'email-already-verified': {
    title: 'Email already verified',
    description: 'This account’s email is already verified.',
  },
  'session-not-found': { title: 'Session not found', description: 'No live session of yours has this id.' },
  'user-not-found': { title: 'User not found', description: 'No account has this id.' },
  'api-key-not-found': { title: 'API key not found', description: 'No live API key has this id.' },
  'own-account': {
    title: 'Not on your own account',
    description: 'Admins cannot change their own role or disable themselves (another admin must).',
  },
  'permission-not-held': {
    title: 'Permission not held',
    description: 'An API key can only be granted permissions its creator holds.',
  },
  'wrong-password': {
    title: 'Wrong password',
    description: 'The current password, re-entered to confirm a sensitive change, is wrong.',
  },
  'email-taken': { title: 'Email taken', description: 'An account with this email already exists.' },
}
