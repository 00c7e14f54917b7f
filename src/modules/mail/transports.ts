/**
 * Where mail goes once it leaves the outbox. SMTP (nodemailer) when SMTP_URL is set; otherwise the
 * development transport, which delivers nowhere: the message stays in the outbox, readable by staff at
 * GET /admin/mail.
 */
import nodemailer from 'nodemailer'

export interface OutgoingMail {
  from: string
  to: string
  subject: string
  text: string
  html?: string | undefined
}

export interface MailTransport {
  name: 'smtp' | 'dev'
  send(mail: OutgoingMail): Promise<void>
  close(): void
}

export function createTransport(config: { smtpUrl: string | undefined }): MailTransport {
  if (!config.smtpUrl) return { name: 'dev', send: async () => {}, close: () => {} }
  const transporter = nodemailer.createTransport(config.smtpUrl)
  return {
    name: 'smtp',
    async send(mail) {
      await transporter.sendMail(mail)
    },
    close: () => transporter.close(),
  }
}
