/** Value-chain templates of the demo scenario (GB/T 4754-2017 classes per stage). */
import type { ChainTemplate } from '../model/chain-template.js';

export function chainTemplates(): ChainTemplate[] {
  return [
    {
      id: 'pork-yurun',
      name: '生猪全产业链（雨润式区域产业集群） Pork chain of a Yurun-style regional cluster',
      stages: [
        { id: 'planting', name: '种植 Planting', order: 1, role: 'vertical', industries: ['0113'] },
        { id: 'feed', name: '饲料 Feed', order: 2, role: 'vertical', industries: ['1329'] },
        { id: 'breeding', name: '育种 Breeding', order: 3, role: 'vertical', industries: ['0531'] },
        { id: 'farming', name: '养殖 Pig farming', order: 4, role: 'vertical', industries: ['0313'] },
        { id: 'slaughter', name: '屠宰 Slaughter', order: 5, role: 'vertical', industries: ['1351'] },
        { id: 'processing', name: '精深加工 Meat processing', order: 6, role: 'vertical', industries: ['1353'] },
        { id: 'retail', name: '终端销售 Retail', order: 7, role: 'vertical', industries: ['5224'] },
        { id: 'machinery', name: '机械制造 Machinery', order: 0, role: 'support', industries: ['3532'] },
        { id: 'vet-pharma', name: '生物制药（兽药） Veterinary medicines', order: 0, role: 'support', industries: ['2750'] },
        { id: 'cold-chain', name: '农产品物流（冷链） Cold-chain logistics', order: 0, role: 'support', industries: ['5930', '5432'] },
        { id: 'packaging', name: '包装印刷 Packaging', order: 0, role: 'support', industries: ['2319'] },
      ],
    },
    {
      id: 'fibre-knitwear',
      name: '化纤—针织面料—针织服装 Polyester fibre to knitwear',
      stages: [
        { id: 'fibre', name: '涤纶纤维 Polyester fibre', order: 1, role: 'vertical', industries: ['2822'] },
        { id: 'fabric', name: '针织面料 Knitted fabric', order: 2, role: 'vertical', industries: ['1761'] },
        { id: 'garment', name: '针织服装 Knitwear', order: 3, role: 'vertical', industries: ['1821'] },
      ],
    },
    {
      id: 'apparel-footwear',
      name: '服装鞋业链 Apparel and footwear chain',
      stages: [
        { id: 'materials', name: '面料与革料 Fabric and leather', order: 1, role: 'vertical', industries: ['1751', '1752', '1910', '2925'] },
        { id: 'making', name: '服装与鞋制造 Garment and shoe making', order: 2, role: 'vertical', industries: ['1819', '1952'] },
        { id: 'wholesale', name: '批发 Wholesale', order: 3, role: 'vertical', industries: ['5132', '5133'] },
        { id: 'retail', name: '零售 Retail', order: 4, role: 'vertical', industries: ['5232', '5233'] },
        { id: 'machinery', name: '鞋机与缝制机械 Footwear and sewing machinery', order: 0, role: 'support', industries: ['3552', '3553'] },
        { id: 'packaging', name: '包装 Packaging', order: 0, role: 'support', industries: ['2231'] },
      ],
    },
  ];
}
