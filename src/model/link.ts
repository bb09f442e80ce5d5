import { z } from 'zod';

/** Typed ties between firms and institutions. */
export const LinkType = z.enum([
  'supply', // 供货 (source supplies target)
  'subcontract', // 外包/代工 OEM (source makes for target)
  'technology', // 技术转让
  'joint_rnd', // 联合研发
  'finance', // 融资
  'membership', // 会员 (firm member of chamber/association)
  'service', // 服务
  'spinoff', // 衍生 (target spun off from source)
]);
export type LinkType = z.infer<typeof LinkType>;

export const Link = z.object({
  source: z.string().min(1).describe('Id of a firm or institution'),
  target: z.string().min(1).describe('Id of a firm or institution'),
  type: LinkType,
  value: z.number().nonnegative().optional().describe('Value of the tie (e.g. annual purchases)'),
  year: z.number().int().optional(),
});
export type Link = z.infer<typeof Link>;
