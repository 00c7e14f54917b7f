import { Type } from 'typebox'

export const HealthView = Type.Object({ status: Type.Literal('ok') }, { xml: { name: 'health' } })
export const ReadyView = Type.Object(
  { status: Type.Literal('ready'), database: Type.String() },
  { xml: { name: 'ready' } },
)
export const ProblemTypeView = Type.Object(
  { code: Type.String(), type: Type.String(), title: Type.String(), description: Type.String() },
  { xml: { name: 'problemType' } },
)
export const ProblemTypeList = Type.Object({ items: Type.Array(ProblemTypeView) }, { xml: { name: 'problemTypes' } })
export const ProblemCodeParams = Type.Object({ code: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }) })
