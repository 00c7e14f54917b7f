/**
 * Hand-written examples for the main shapes of the OpenAPI document, by component name (the export name
 * in the module's schemas.ts). Other shapes get an example sampled from their schema. `redocly lint`
 * (npm run lint:openapi) checks every example against its schema.
 */
const address = {
  name: 'Ada Lovelace',
  line1: '12 Marlborough Street',
  line2: null,
  city: 'Dublin',
  postcode: 'D01 X2Y3',
  region: null,
  country: 'IE',
  phone: '+353 1 555 0199',
}
const lines = [
  { variantId: 'var_0mb2x4k7qa', sku: 'MUG-ENAMEL-WHT', title: 'Enamel mug, white', unitPrice: 1250, quantity: 2 },
]
const at = 1767225600000

export const openApiExamples: Record<string, unknown> = {
  EventBatchBody: {
    events: [
      {
        type: 'page_view',
        anonymousId: 'a7Hk29xQ0pLm',
        occurredAt: at,
        properties: { path: '/products/enamel-mug', referrer: 'https://example.com/', title: 'Enamel mug' },
      },
      {
        type: 'product_view',
        anonymousId: 'a7Hk29xQ0pLm',
        occurredAt: at,
        properties: { productId: 'prd_0mb2x4k7q9' },
      },
    ],
  },
  EndpointBody: {
    url: 'https://shop.example.com/hooks/backroom',
    events: ['order.paid', 'order.refunded'],
    description: 'Fulfilment service',
  },
  EndpointPatch: { enabled: true },
  AddressBody: address,
  AddItemBody: { variantId: 'var_0mb2x4k7qa', quantity: 2 },
  SignInBody: { email: 'ada@example.com', password: 'plum-Violin-gravel-42-orbit' },
  CheckoutBody: {
    cartId: 'cart_0mb2x4m1zr',
    email: 'ada@example.com',
    shippingAddress: address,
    shippingMethodId: 'shm_0mb2x3v8kd',
    payment: { token: 'tok_test_4242' },
  },
  CartView: {
    id: 'cart_0mb2x4m1zr',
    currency: 'EUR',
    status: 'open',
    lines: lines.map((l) => ({
      ...l,
      lineTotal: l.unitPrice * l.quantity,
      weightGrams: 700,
      available: true,
      inStock: 14,
    })),
    itemCount: 2,
    subtotal: 2500,
    weightGrams: 700,
    updatedAt: at,
  },
  ProductView: {
    id: 'prd_0mb2x4k7q9',
    handle: 'enamel-mug',
    title: 'Enamel mug',
    description: 'A 350 ml enamel mug that survives the campsite.',
    attributes: { material: 'enamel', dishwasherSafe: true },
    tags: ['kitchen', 'outdoor'],
    categories: [{ id: 'cat_0mb2x1c0aa', handle: 'kitchen', name: 'Kitchen' }],
    images: [{ url: 'https://cdn.example.org/mug-white.jpg', alt: 'A white enamel mug' }],
    variants: [
      {
        id: 'var_0mb2x4k7qa',
        sku: 'MUG-ENAMEL-WHT',
        title: 'White',
        options: { colour: 'white' },
        prices: [{ currency: 'EUR', amount: 1250, compareAt: 1500 }],
        weightGrams: 350,
      },
    ],
    publishedAt: at,
    updatedAt: at,
  },
  CreateProductBody: {
    handle: 'enamel-mug',
    title: 'Enamel mug',
    description: 'A 350 ml enamel mug that survives the campsite.',
    status: 'draft',
    attributes: { material: 'enamel' },
    tags: ['kitchen'],
    variants: [
      {
        sku: 'MUG-ENAMEL-WHT',
        options: { colour: 'white' },
        prices: [{ currency: 'EUR', amount: 1250 }],
        stock: 20,
        weightGrams: 350,
      },
    ],
  },
  OrderView: {
    id: 'ord_0mb2x5a9cd',
    status: 'paid',
    email: 'ada@example.com',
    customerId: 'usr_0mb2x0q3ff',
    currency: 'EUR',
    lines: lines.map((l) => ({ ...l, discount: 0, tax: 468, total: 2500 })),
    subtotal: 2500,
    discount: 0,
    discountCode: null,
    shipping: 500,
    shippingMethod: { id: 'shm_0mb2x3v8kd', name: 'Standard' },
    tax: 468,
    taxIncluded: true,
    total: 3000,
    amountRefunded: 0,
    shippingAddress: address,
    paymentId: 'pay_0mb2x5a9ce',
    paymentStatus: 'authorized',
    createdAt: at,
    updatedAt: at,
    history: [
      { from: null, to: 'pending', event: 'place', amount: null, at },
      { from: 'pending', to: 'paid', event: 'pay', amount: 3000, at },
    ],
  },
  ProblemView: {
    type: '/problems/insufficient-stock',
    title: 'Insufficient stock',
    status: 409,
    detail: 'Only 2 left',
    instance: '/carts/cart_0mb2x4m1zr/items',
    code: 'insufficient-stock',
  },
}
