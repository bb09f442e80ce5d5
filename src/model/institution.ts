import { z } from 'zod';

/** Kinds of institution that make a cluster an "organic whole" (Porter; seed essay 1). */
export const InstitutionType = z.enum([
  'chamber', // 商会
  'association', // 行业协会
  'bank', // 银行
  'intermediary', // 中介机构
  'university', // 高校
  'research', // 科研院所
  'training', // 培训机构
  'public_service', // 公共服务平台 / 检测中心
  'other',
]);
export type InstitutionType = z.infer<typeof InstitutionType>;

export const Institution = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    type: InstitutionType,
    industry: z.string().optional().describe('Industry code of the field it serves, if specific'),
    lon: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    region: z.string().optional(),
    park: z.string().optional(),
  })
  .refine((f) => (f.lon !== undefined && f.lat !== undefined) || f.region !== undefined, {
    message: 'an institution needs coordinates or a region code',
  });
export type Institution = z.infer<typeof Institution>;
